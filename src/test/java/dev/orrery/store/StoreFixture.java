package dev.orrery.store;

import dev.orrery.config.Config;
import dev.orrery.feed.NormalizedEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A real SQLite file in a test's temporary folder, and entries to put in it. */
final class StoreFixture {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  private StoreFixture() {}

  static Database open(Path folder) {
    return Database.open(new Config.Database("jdbc:sqlite:" + folder.resolve("orrery.db"), 4));
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
        "Example", "https://example.org/", "\"etag\"", null, "hash", nextPoll, null);
  }
}
