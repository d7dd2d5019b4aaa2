package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orrery.config.Config;
import dev.orrery.store.Database;
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

class LatestCommandTest {
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
            "database.url=jdbc:sqlite:" + dir.resolve("orrery.db"),
            "http.allow-private-addresses=true",
            "sources.planet-python.url=" + server.url("/python.xml")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aCatalogueSourceIsFetchedOnceAndItsLatestEntriesPrintedNewestFirst() {
    CommandRun run =
        CommandRun.of("latest", "planet-python", "-n", "2", "--config", config.toString());
    assertThat(run.status()).isZero();
    assertThat(run.lines()).hasSize(2).allMatch(l -> l.startsWith("[planet-python] "));
    assertThat(run.lines().get(0)).contains("Kay Hayen: Nuitka Release 4.0");
    CommandRun again = CommandRun.of("latest", "planet-python", "--config", config.toString());
    assertThat(again.lines()).hasSize(3);
    assertThat(server.requestCount("/python.xml")).isEqualTo(1);
  }

  @Test
  void textFromOutsideCannotActOnTheTerminalNotEvenFromRowsStoredLongAgo() throws IOException {
    String[] latest = {"latest", "planet-python", "-n", "1", "--config", config.toString()};
    CommandRun.of(latest);
    String hostile = "Red \u001b[31malert\u0007 \u009b2J \u0085next \u202eevil";
    try (Database db =
        Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 1))) {
      db.withConnection(
          "store a title as an older version did",
          c -> {
            try (var update = c.prepareStatement("UPDATE entries SET title = ?")) {
              update.setString(1, hostile);
              return update.executeUpdate();
            }
          });
    }

    CommandRun text = CommandRun.of(latest);
    assertThat(text.out())
        .doesNotContain("\u001b", "\u0007", "\u009b", "\u0085", "\u202e")
        .contains("Red \\u001b[31malert\\u0007 \\u009b2J \\u0085next \\u202eevil");

    String[] asJson = {
      "latest", "planet-python", "-n", "1", "--json", "--config", config.toString()
    };
    CommandRun json = CommandRun.of(asJson);
    assertThat(json.out()).doesNotContain("\u001b", "\u0007", "\u009b", "\u0085", "\u202e");
    assertThat(new ObjectMapper().readTree(json.out()).get("title").asText()).isEqualTo(hostile);
  }

  @Test
  void aFeedWhoseLastCheckFailedSaysSoAndStillShowsWhatItHas() {
    String[] latest = {"latest", "planet-python", "-n", "2", "--config", config.toString()};
    assertThat(CommandRun.of(latest).status()).isZero();
    server.respond("/python.xml", 500, "down", Map.of());
    CommandRun poll = CommandRun.of("poll", "--once", "--config", config.toString());
    assertThat(poll.status()).isEqualTo(1);

    CommandRun run = CommandRun.of(latest);

    assertThat(run.status()).isZero();
    assertThat(run.lines()).hasSize(2).allMatch(l -> l.startsWith("[planet-python] "));
    assertThat(run.err())
        .matches(
            "planet-python: checking it fails since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: HTTP"
                + " 500 Internal Server Error; these entries are from its last good check,"
                + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\n");
  }

  @Test
  void aUrlWorksTooAndJsonHasEveryField() throws IOException {
    CommandRun run =
        CommandRun.of(
            "latest",
            server.url("/python.xml").toString(),
            "-n",
            "1",
            "--json",
            "--config",
            config.toString());
    assertThat(run.status()).isZero();
    var node = new ObjectMapper().readTree(run.lines().get(0));
    assertThat(node.get("title").asText()).isEqualTo("Kay Hayen: Nuitka Release 4.0");
    assertThat(node.get("feed_url").asText()).isEqualTo(server.url("/python.xml").toString());
    assertThat(node.has("summary") && node.has("image") && node.has("key") && node.has("author"))
        .isTrue();
  }

  @Test
  void anUnknownSourceOrABadCountIsAUsageError() {
    CommandRun unknown = CommandRun.of("latest", "planet-perl", "--config", config.toString());
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err())
        .isEqualTo(
            "orrery latest: 'planet-perl' is not a source I know (django-community, planet-plone,"
                + " planet-python, planet-twisted) nor an http(s) feed URL\n");
    assertThat(dir.resolve("orrery.db")).doesNotExist();
    CommandRun count =
        CommandRun.of("latest", "planet-python", "-n", "0", "--config", config.toString());
    assertThat(count.status()).isEqualTo(2);
    assertThat(count.err()).contains("-n 0 is out of range: use 1 to 50");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aFailingFeedSaysWhyAndExitsOne() {
    server.respond("/python.xml", 410, "", Map.of());
    CommandRun run = CommandRun.of("latest", "planet-python", "--config", config.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("planet-python: HTTP 410 Gone");
    assertThat(run.out()).isEmpty();
    server.serveResource("/python.xml", "/fixtures/feeds/2026-04-22/planet-python.rss.xml");
    // nothing was kept of the failed attempt: the next one reads the feed afresh
    assertThat(CommandRun.of("latest", "planet-python", "--config", config.toString()).lines())
        .hasSize(3);
  }
}
