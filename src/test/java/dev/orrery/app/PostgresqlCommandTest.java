package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.store.EmbeddedPostgresql;
import dev.orrery.testing.FeedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command that keeps its state in PostgreSQL, configured as a person would configure it. */
class PostgresqlCommandTest {
  @TempDir Path dir;
  FeedServer server;
  Path config;

  @BeforeEach
  void start() throws IOException {
    server = new FeedServer();
    server.serveResource("/python.xml", "/fixtures/feeds/2026-04-22/planet-python.rss.xml");
    config = dir.resolve("bot.properties");
    Files.write(
        config,
        List.of(
            "database.url=" + EmbeddedPostgresql.newDatabase(),
            "database.username=" + EmbeddedPostgresql.USER,
            "http.allow-private-addresses=true",
            "sources.planet-python.url=" + server.url("/python.xml")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void latestStoresTheFeedInPostgresqlAndReadsItBackWithoutFetchingAgain() {
    Map<String, String> env =
        Map.of("ORRERY_DATABASE_PASSWORD", EmbeddedPostgresql.PASSWORD.reveal());
    CommandRun run =
        CommandRun.of(env, "latest", "planet-python", "-n", "2", "--config", config.toString());
    assertThat(run.status()).isZero();
    assertThat(run.lines()).hasSize(2).allMatch(l -> l.startsWith("[planet-python] "));
    assertThat(run.lines().get(0)).contains("Kay Hayen: Nuitka Release 4.0");
    CommandRun again = CommandRun.of(env, "latest", "planet-python", "--config", config.toString());
    assertThat(again.lines()).hasSize(3);
    assertThat(server.requestCount("/python.xml")).isEqualTo(1);
  }

  @Test
  void aPasswordPostgresqlRefusesEndsTheCommandSayingWhichKeysToCheck() {
    CommandRun run =
        CommandRun.of(
            Map.of("ORRERY_DATABASE_PASSWORD", "a-password-nobody-set"),
            "latest",
            "planet-python",
            "--config",
            config.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "orrery: store: unable to open the database: cannot connect to PostgreSQL at"
                + " localhost:"
                + EmbeddedPostgresql.port()
                + " (authentication failed for user orrery): check database.username and"
                + " database.password")
        .doesNotContain("a-password-nobody-set");
    assertThat(server.requestCount("/python.xml")).isZero();
  }
}
