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

/** A database made by an earlier version keeps its rows through the migrations that follow. */
class MigrationTest {
  @TempDir Path dir;

  @Test
  void deliveriesOfAVersion2DatabaseSurviveTheRebuildWithTheirStatesAndAReasonForSkips()
      throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("old.db");
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration/sqlite")
        .target("2")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url);
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
    Database db = Database.open(new Config.Database(url, 2));
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
