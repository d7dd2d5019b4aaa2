package dev.orrery.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database made by an earlier version keeps its rows through the migrations that follow, on each
 * dialect.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
class MigrationTest {
  @Parameter Dialect dialect;
  @TempDir Path dir;

  @Test
  void deliveriesOfAVersion2DatabaseSurviveTheRebuildWithTheirStatesAndAReasonForSkips()
      throws Exception {
    Config.Database settings =
        switch (dialect) {
          case SQLITE -> new Config.Database("jdbc:sqlite:" + dir.resolve("old.db"), 2);
          case POSTGRESQL ->
              new Config.Database(
                  EmbeddedPostgresql.emptyDatabase(),
                  2,
                  EmbeddedPostgresql.USER,
                  EmbeddedPostgresql.PASSWORD);
        };
    String url = settings.url();
    String password = settings.password().isEmpty() ? null : settings.password().reveal();
    Flyway.configure()
        .dataSource(url, settings.username(), password)
        .locations(dialect.migrations())
        .target("2")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url, settings.username(), password);
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO feeds (id, url, created_at, next_poll_at) VALUES (1, 'u', 0, 0)");
      s.execute(
          "INSERT INTO entries (id, feed_id, entry_key, title, summary, published_at,"
              + " discovered_at) VALUES (1, 1, 'a', 'A', '', 0, 0), (2, 1, 'b', 'B', '', 0, 0)");
      s.execute(
          "INSERT INTO subscriptions (id, guild_id, channel_id, feed_id, created_at) VALUES (1, 1,"
              + " 10, 1, 0)");
      s.execute(
          "INSERT INTO deliveries (id, subscription_id, entry_id, state, next_attempt_at,"
              + " created_at) VALUES (1, 1, 1, 'sent', 0, 0), (2, 1, 2, 'skipped', 0, 0)");
    }
    Database db = Database.open(settings);
    try {
      DeliveryStore deliveries = new DeliveryStore(db);
      assertThat(deliveries.fate(1, 1)).contains(new DeliveryStore.Fate("sent", null));
      assertThat(deliveries.fate(1, 2))
          .contains(new DeliveryStore.Fate("skipped", "more new entries than one poll posts"));
      Subscription subscription = new SubscriptionStore(db).find(1).orElseThrow();
      assertThat(subscription.embed()).isTrue();
      assertThat(subscription.filter()).isNull();
      assertThat(subscription.digest()).isNull();
      assertThat(subscription.appearance()).isNull();
    } finally {
      db.close();
    }
  }
}
