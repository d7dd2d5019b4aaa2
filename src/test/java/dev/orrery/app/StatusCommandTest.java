package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orrery.config.Config;
import dev.orrery.config.ConfigLoader;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.store.ConsoleLock;
import dev.orrery.store.Database;
import dev.orrery.store.Feed;
import dev.orrery.testing.FeedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
  @TempDir Path dir;
  FeedServer server;
  Path config;

  @BeforeEach
  void start() throws IOException {
    server = new FeedServer();
    config = dir.resolve("bot.properties");
    Files.write(
        config,
        List.of(
            "database.url=jdbc:sqlite:" + dir.resolve("orrery.db"),
            "http.allow-private-addresses=true"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Config loaded() throws Exception {
    return new ConfigLoader(Map.of()).load(config, false);
  }

  @Test
  void eachWatchedFeedHasALineUnderTheTotalsWithWhyItFailsOrIsPausedBeneath() throws Exception {
    StatusSample sample = StatusSample.write(loaded(), server);

    CommandRun run = CommandRun.of("status", "--config", config.toString());

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    List<String> lines = run.lines();
    assertThat(lines.get(0))
        .matches(
            "3 feeds: 1 ok, 1 failing, 1 paused · 4 subscriptions · 2 pending deliveries, the"
                + " oldest waiting \\d+ s");
    assertThat(lines.get(1)).isEmpty();
    String header = lines.get(2);
    assertThat(header).matches("STATE +FEED +POLLED +NEXT POLL +LAST SUCCESS +PENDING +CHANNELS");
    String ok = line(lines, sample.ok);
    String failing = line(lines, sample.failing);
    String paused = line(lines, sample.paused);
    assertThat(ok)
        .startsWith("ok ")
        .contains("  every 4 min: posts about every 20 min  ")
        .containsPattern("  in \\d+ min  ")
        .containsPattern("  \\d+ s ago  ")
        .containsPattern("  2 \\(oldest \\d+ s\\)  ")
        .endsWith("  2: 1001 (guild 900), 1002 (guild 900)");
    assertThat(failing)
        .startsWith("failing ")
        .contains("  every 10 min: poll.interval, until a poll chooses one  ")
        .containsPattern("  in \\d+ s  ")
        .contains("  never  ")
        .endsWith("  1: 2001 (guild 901)");
    assertThat(paused)
        .startsWith("paused ")
        .contains("  -  ")
        .endsWith("  1: 1001 (guild 900, not posting)");
    // a table: each column starts where its heading does
    for (String column : List.of("FEED", "POLLED", "PENDING", "CHANNELS")) {
      int at = header.indexOf(column);
      for (String row : List.of(ok, failing, paused)) {
        assertThat(row.charAt(at - 1)).as(column + " in " + row).isEqualTo(' ');
        assertThat(row.charAt(at)).as(column + " in " + row).isNotEqualTo(' ');
      }
    }
    int feedColumn = header.indexOf("FEED");
    assertThat(lines.get(lines.indexOf(failing) + 1))
        .matches(
            " {"
                + feedColumn
                + "}↳ failing since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(1 try\\): HTTP 500"
                + " Internal Server Error");
    assertThat(lines.get(lines.indexOf(paused) + 1))
        .matches(
            " {"
                + feedColumn
                + "}↳ paused since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: HTTP 410 Gone: the feed"
                + " was removed");
    assertThat(lines).hasSize(3 + 3 + 2).noneMatch(l -> l.contains(sample.unwatched));
  }

  private static String line(List<String> lines, String url) {
    List<String> found = lines.stream().filter(l -> l.contains("  " + url + "  ")).toList();
    assertThat(found).as(url).hasSize(1);
    return found.get(0);
  }

  @Test
  void jsonHasTheTotalsAndEveryFieldOfEveryWatchedFeed() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS); // as the rows keep times
    StatusSample sample = StatusSample.write(loaded(), server);

    CommandRun run = CommandRun.of("status", "--json", "--config", config.toString());

    assertThat(run.status()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    JsonNode totals = root.get("totals");
    assertThat(totals.get("feeds").asInt()).isEqualTo(3);
    assertThat(totals.get("feeds_by_state").toString())
        .isEqualTo("{\"ok\":1,\"failing\":1,\"paused\":1}");
    assertThat(totals.get("subscriptions").asInt()).isEqualTo(4);
    assertThat(totals.get("pending_deliveries").asInt()).isEqualTo(2);
    Instant oldest = Instant.parse(totals.get("oldest_pending_at").asText());
    assertThat(oldest).isBetween(before, Instant.now());
    assertThat(totals.get("oldest_pending_age_seconds").asLong()).isNotNegative();
    Instant generated = Instant.parse(root.get("generated_at").asText());

    List<JsonNode> feeds = new ArrayList<>();
    root.get("feeds").forEach(feeds::add);
    assertThat(feeds)
        .extracting(f -> f.get("url").asText())
        .containsExactly(sample.ok, sample.failing, sample.paused);

    JsonNode ok = feeds.get(0);
    assertThat(ok.get("state").asText()).isEqualTo("ok");
    assertThat(ok.get("title").asText()).isEqualTo("Planet Python");
    assertThat(ok.get("poll_interval_seconds").asLong()).isEqualTo(240);
    assertThat(ok.get("poll_interval_reason").asText()).isEqualTo("posts about every 20 min");
    assertThat(ok.get("poll_interval_chosen").asBoolean()).isTrue();
    assertThat(Instant.parse(ok.get("next_poll_at").asText())).isAfter(generated);
    assertThat(Instant.parse(ok.get("last_success_at").asText())).isBetween(before, generated);
    assertThat(ok.get("last_error").isNull()).isTrue();
    assertThat(ok.get("subscription_count").asInt()).isEqualTo(2);
    assertThat(ok.get("subscriptions").toString())
        .isEqualTo(
            "[{\"channel_id\":\"1001\",\"guild_id\":\"900\",\"console\":false,\"paused_reason\":null},"
                + "{\"channel_id\":\"1002\",\"guild_id\":\"900\",\"console\":false,\"paused_reason\":null}]");
    assertThat(ok.get("pending_deliveries").asInt()).isEqualTo(2);
    assertThat(Instant.parse(ok.get("oldest_pending_at").asText())).isEqualTo(oldest);

    JsonNode failing = feeds.get(1);
    assertThat(failing.get("state").asText()).isEqualTo("failing");
    assertThat(failing.get("poll_interval_seconds").asLong()).isEqualTo(600);
    assertThat(failing.get("poll_interval_reason").asText())
        .isEqualTo("poll.interval, until a poll chooses one");
    assertThat(failing.get("poll_interval_chosen").asBoolean()).isFalse();
    assertThat(failing.get("last_success_at").isNull()).isTrue();
    assertThat(failing.get("last_error").asText()).isEqualTo("HTTP 500 Internal Server Error");
    assertThat(failing.get("error_count").asInt()).isEqualTo(1);
    assertThat(Instant.parse(failing.get("failing_since").asText())).isBefore(generated);
    assertThat(failing.get("pending_deliveries").asInt()).isZero();
    assertThat(failing.get("oldest_pending_at").isNull()).isTrue();

    JsonNode paused = feeds.get(2);
    assertThat(paused.get("state").asText()).isEqualTo("paused");
    assertThat(paused.get("paused_reason").asText()).isEqualTo(StatusSample.PAUSED_REASON);
    assertThat(paused.get("next_poll_at").isNull()).isTrue();
    assertThat(paused.get("subscriptions").get(0).get("paused_reason").asText())
        .isEqualTo("the bot may not see the channel");
  }

  @Test
  void itReadsBesideAWriterAndAConsoleRunWithoutWaitingForThemOrWriting() throws Exception {
    Config cfg = loaded();
    StatusSample sample = StatusSample.write(cfg, server);
    String before = CommandRun.of("status", "--json", "--config", config.toString()).out();

    CommandRun run;
    try (Database other = Database.open(cfg.database());
        ConsoleLock console = other.lockConsole(() -> {});
        Connection writer = other.dataSource().getConnection()) {
      // a bot's write under way: holding SQLite's write lock until it ends
      writer.setAutoCommit(false);
      try (var update = writer.prepareStatement("UPDATE feeds SET title = 'changing'")) {
        update.executeUpdate();
      }
      run = CommandRun.of("status", "--config", config.toString());
      writer.rollback();
      writer.setAutoCommit(true);
    }

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains(sample.ok).doesNotContain("changing");
    String after = CommandRun.of("status", "--json", "--config", config.toString()).out();
    assertThat(withoutTimes(after)).isEqualTo(withoutTimes(before));
  }

  /** The document without what moves with the clock alone. */
  private static String withoutTimes(String json) {
    return json.replaceAll("\"(generated_at|\\w+_age_seconds)\" : [^,\\n]+", "");
  }

  @Test
  void aFeedQuietSinceItsLastNewPostShowsTheLongerIntervalItsPollsNowUse() throws Exception {
    Config cfg = loaded();
    StatusSample sample = StatusSample.write(cfg, server);
    // the row a poll that found nothing new leaves, two days after the last new post
    try (Database db = Database.open(cfg.database());
        Connection c = db.dataSource().getConnection();
        var update =
            c.prepareStatement("UPDATE feeds SET last_new_at = last_polled_at - ? WHERE url = ?")) {
      update.setLong(1, Duration.ofDays(2).toMillis());
      update.setString(2, sample.ok);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }

    String ok = line(CommandRun.of("status", "--config", config.toString()).lines(), sample.ok);
    JsonNode json =
        new ObjectMapper()
            .readTree(CommandRun.of("status", "--json", "--config", config.toString()).out());

    // poll.max-interval is 1 h by default
    assertThat(ok).contains("  every 1 h: no new post for 2 days  ");
    JsonNode row = json.get("feeds").get(0);
    assertThat(row.get("url").asText()).isEqualTo(sample.ok);
    assertThat(row.get("poll_interval_seconds").asLong()).isEqualTo(3_600);
    assertThat(row.get("poll_interval_reason").asText()).isEqualTo("no new post for 2 days");
  }

  @Test
  void aFeedWhoseServerAskedToComeBackLaterIsOkAndSaysSoBeneath() throws Exception {
    server.respond("/busy.xml", 429, "", Map.of("Retry-After", "600"));
    String url = server.url("/busy.xml").toString();
    try (FeedSide side = new FeedSide(loaded(), InstantSource.system())) {
      Feed feed = side.feeds.findOrCreate(url, Instant.now());
      side.subscriptions.create(900, 1001, feed.id(), null, null, Instant.now());
      assertThat(side.refresher.refresh(feed)).isInstanceOf(RefreshOutcome.Deferred.class);
    }

    List<String> lines = CommandRun.of("status", "--config", config.toString()).lines();

    assertThat(lines.get(0)).startsWith("1 feed: 1 ok, 0 failing, 0 paused · 1 subscription ·");
    assertThat(lines.get(3)).startsWith("ok ").containsPattern("  in (9|10) min  ");
    assertThat(lines.get(4).strip())
        .isEqualTo("↳ last poll: HTTP 429 Too Many Requests: asked to come back later");
  }

  @Test
  void aDatabaseThatIsNotThereIsNamedAndNotCreated() throws Exception {
    Path missing = dir.resolve("typo").resolve("orrery.db");
    Files.write(config, List.of("database.url=jdbc:sqlite:" + missing));

    CommandRun run = CommandRun.of("status", "--config", config.toString());

    assertThat(run.status()).isNotZero();
    assertThat(run.err())
        .contains(
            "there is no database at "
                + missing.toAbsolutePath()
                + ": check database.url, or start the bot once to create it");
    assertThat(missing.getParent()).doesNotExist();
  }

  @Test
  void anEmptyDatabaseSaysHowFeedsComeToBeWatched() throws Exception {
    Database.open(loaded().database()).close();
    CommandRun run = CommandRun.of("status", "--config", config.toString());

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "0 feeds: 0 ok, 0 failing, 0 paused · 0 subscriptions · no pending deliveries\n"
                + "no feeds are watched yet: subscribe a channel with /subscribe, or name"
                + " channels and sources in the configuration (subscriptions.<name>.channel and"
                + " .source)\n");
    JsonNode json =
        new ObjectMapper()
            .readTree(CommandRun.of("status", "--json", "--config", config.toString()).out());
    assertThat(json.get("feeds").isEmpty()).isTrue();
    assertThat(json.get("totals").get("feeds").asInt()).isZero();
    assertThat(json.get("totals").get("oldest_pending_at").isNull()).isTrue();
  }

  @Test
  void aBadOptionIsAUsageErrorThatTouchesNothing() {
    CommandRun unknown = CommandRun.of("status", "--jsn", "--config", config.toString());
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("Unknown option: '--jsn'\nPossible solutions: --json\n");
    CommandRun both = CommandRun.of("status", "-v", "-q", "--config", config.toString());
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("orrery: -v and -q do not go together: choose one\n");
    assertThat(dir.resolve("orrery.db")).doesNotExist();
  }
}
