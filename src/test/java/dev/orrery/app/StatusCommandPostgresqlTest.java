package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orrery.config.ConfigLoader;
import dev.orrery.store.EmbeddedPostgresql;
import dev.orrery.testing.FeedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code orrery status} on a PostgreSQL database, where a cluster of bots keeps its state. */
class StatusCommandPostgresqlTest {
  @TempDir Path dir;
  FeedServer server;
  Path config;
  final Map<String, String> env =
      Map.of("ORRERY_DATABASE_PASSWORD", EmbeddedPostgresql.PASSWORD.reveal());

  @BeforeEach
  void start() throws Exception {
    server = new FeedServer();
    config = dir.resolve("bot.properties");
    Files.write(
        config,
        List.of(
            "database.url=" + EmbeddedPostgresql.newDatabase(),
            "database.username=" + EmbeddedPostgresql.USER,
            "http.allow-private-addresses=true"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theSameReportReadFromPostgresql() throws Exception {
    StatusSample sample = StatusSample.write(new ConfigLoader(env).load(config, false), server);

    CommandRun text = CommandRun.of(env, "status", "--config", config.toString());
    CommandRun json = CommandRun.of(env, "status", "--json", "--config", config.toString());

    assertThat(text.status()).isZero();
    assertThat(text.lines().get(0))
        .matches(
            "3 feeds: 1 ok, 1 failing, 1 paused · 4 subscriptions · 2 pending deliveries, the"
                + " oldest waiting \\d+ s");
    assertThat(text.out()).doesNotContain(sample.unwatched);
    JsonNode root = new ObjectMapper().readTree(json.out());
    JsonNode ok = root.get("feeds").get(0);
    assertThat(ok.get("url").asText()).isEqualTo(sample.ok);
    assertThat(ok.get("poll_interval_seconds").asLong()).isEqualTo(240);
    assertThat(ok.get("subscription_count").asInt()).isEqualTo(2);
    assertThat(ok.get("subscriptions").get(1).get("channel_id").asText()).isEqualTo("1002");
    assertThat(ok.get("pending_deliveries").asInt()).isEqualTo(2);
    assertThat(root.get("feeds").get(1).get("state").asText()).isEqualTo("failing");
    assertThat(root.get("feeds").get(2).get("next_poll_at").isNull()).isTrue();
  }
}
