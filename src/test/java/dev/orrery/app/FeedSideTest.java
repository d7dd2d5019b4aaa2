package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.config.ConfigLoader;
import dev.orrery.store.EmbeddedPostgresql;
import dev.orrery.store.Feed;
import dev.orrery.testing.Await;
import dev.orrery.testing.FeedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the feed side polls, by the database the configuration names. */
class FeedSideTest {
  @TempDir Path dir;
  FeedServer server;

  @BeforeEach
  void start() {
    server = new FeedServer();
    server.serveResource("/a.xml", "/fixtures/feeds/2025-07-06/planet-python.rss.xml");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void onPostgresqlTheBotPollsInTheClusterAndTheConsoleAlone() throws Exception {
    Path file = dir.resolve("bot.properties");
    Files.writeString(
        file,
        "database.url="
            + EmbeddedPostgresql.newDatabase()
            + "\ndatabase.username="
            + EmbeddedPostgresql.USER
            + "\nhttp.allow-private-addresses=true\npoll.interval=2s\npoll.partitions=4\n");
    Config config =
        new ConfigLoader(Map.of("ORRERY_DATABASE_PASSWORD", EmbeddedPostgresql.PASSWORD.reveal()))
            .load(file, false);
    try (FeedSide bot = new FeedSide(config, InstantSource.system())) {
      Feed feed = bot.feeds.findOrCreate(server.url("/a.xml").toString(), Instant.now());
      bot.subscriptions.create(1, 10, feed.id(), null, null, Instant.now());
      bot.scheduler.start();
      Await.until(Duration.ofSeconds(20), "a poll", () -> server.requestCount("/a.xml") >= 1);
      assertThat(count(bot, "SELECT count(*) FROM qrtz_job_details WHERE job_group = 'partitions'"))
          .isEqualTo(4);
      assertThat(count(bot, "SELECT count(*) FROM qrtz_scheduler_state")).isEqualTo(1);

      try (FeedSide console = FeedSide.forConsole(config, InstantSource.system())) {
        console.scheduler.start();
        assertThat(console.scheduler.isWatching(feed.id())).isTrue();
        assertThat(count(bot, "SELECT count(*) FROM qrtz_scheduler_state")).isEqualTo(1);
      }
    }
  }

  static long count(FeedSide side, String sql) {
    return side.database.withConnection(
        sql,
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
