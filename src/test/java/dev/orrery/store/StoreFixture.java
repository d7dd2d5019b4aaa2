package dev.orrery.store;

import dev.orrery.config.Config;
import dev.orrery.feed.NormalizedEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A real database of either dialect, a SQLite file in a test's temporary folder or a fresh database
 * on the test JVM's embedded PostgreSQL, and entries to put in it.
 */
public final class StoreFixture {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  /** The node the tests read and claim as, unless a test has two. */
  static final String NODE = "node-a";

  /** One node holding every shard, as a node alone on its database does. */
  static final ShardSlice EVERY_SHARD = ShardSlice.all(1);

  private StoreFixture() {}

  static Database open(Path folder) {
    return open(Dialect.SQLITE, folder);
  }

  public static Database open(Dialect dialect, Path folder) {
    return Database.open(settings(dialect, folder, 4));
  }

  /** The settings of a new database; opening them twice opens the same database. */
  static Config.Database settings(Dialect dialect, Path folder, int poolSize) {
    return switch (dialect) {
      case SQLITE -> new Config.Database("jdbc:sqlite:" + folder.resolve("orrery.db"), poolSize);
      case POSTGRESQL -> EmbeddedPostgresql.settings(poolSize);
    };
  }

  static NormalizedEntry entry(String key, Instant published) {
    return new NormalizedEntry(
        key,
        "Title " + key,
        "https://example.org/" + key,
        "Ada",
        "Summary of " + key,
        null,
        published,
        key,
        List.of());
  }

  static FeedUpdate update(Instant nextPoll) {
    return new FeedUpdate(
        "Example",
        "https://example.org/",
        "\"etag\"",
        null,
        "hash",
        nextPoll,
        null,
        null,
        null,
        null);
  }
}
