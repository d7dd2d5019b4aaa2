package dev.orrery.metrics;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orrery.app.App;
import dev.orrery.app.FeedSide;
import dev.orrery.discord.BotHarness;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.Notify;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.RateLimitScope;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.store.Database;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.Feed;
import dev.orrery.testing.Await;
import dev.orrery.testing.Resources;
import dev.orrery.testing.SmallDisk;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot with metrics.listen set, scraped and asked for its health over loopback. */
class MetricsEndToEndTest {
  /** A feed whose address carries a key, as private feeds do: it must never become a label. */
  private static final String FEED_KEY = "s3cret-feed-key";

  @TempDir Path dir;
  BotHarness h;
  App app;
  InetSocketAddress server;

  @BeforeEach
  void start() {
    h = new BotHarness(dir).configure("metrics.listen=127.0.0.1:0");
    h.feeds.serveResource(
        "/private.xml", Resources.snapshot(Resources.SNAPSHOTS[0], "planet-python"));
    app = h.startBot();
    server = app.metrics().address();
  }

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aScrapeAfterPollsAndPostsCountsThemWithoutTheFeedsQueryOrTheToken() {
    PostedMessage reply =
        h.subscribe(h.news, h.feeds.url("/private.xml?key=" + FEED_KEY).toString());
    assertThat(reply.content()).startsWith("Subscribed");
    // the first post is answered 429 twice, for the route then globally: JDA waits and sends it
    // again each time
    h.discord.rateLimitNextRequests(
        1, RateLimitScope.USER, Duration.ofMillis(200), "POST channels/*/messages");
    h.discord.rateLimitNextRequests(
        1, RateLimitScope.GLOBAL, Duration.ofMillis(200), "POST channels/*/messages");
    h.feeds.serveResource(
        "/private.xml", Resources.snapshot(Resources.SNAPSHOTS[1], "planet-python"));
    h.discord.awaitMessages(h.news, 1, WAIT);
    long sent;
    long entries;
    try (Database db = h.database()) {
      DeliveryStore deliveries = new DeliveryStore(db);
      Await.until(WAIT, "every delivery sent", () -> deliveries.count("pending") == 0);
      sent = deliveries.count("sent");
      entries = db.withConnection("count", c -> count(c, "SELECT COUNT(*) FROM entries"));
    }
    h.awaitPolls(1, "private");

    Scrape scrape = Scrape.get(server, "/metrics");

    assertThat(scrape.status()).isEqualTo(200);
    // the first read at /subscribe, then the new snapshot; since then, 304s
    assertThat(scrape.value("orrery_polls_total{outcome=\"updated\"}")).isEqualTo(2.0);
    assertThat(scrape.value("orrery_polls_total{outcome=\"unchanged\"}")).isPositive();
    assertThat(scrape.value("orrery_polls_total{outcome=\"failed\"}")).isZero();
    assertThat(scrape.value("orrery_poll_duration_seconds_count{outcome=\"updated\"}"))
        .isEqualTo(1.0);
    assertThat(scrape.value("orrery_entries_discovered_total")).isEqualTo(entries);
    assertThat(sent).isPositive();
    assertThat(scrape.value("orrery_deliveries_total{outcome=\"sent\"}")).isEqualTo(sent);
    assertThat(scrape.value("orrery_deliveries_total{outcome=\"failed\"}")).isZero();
    assertThat(scrape.value("orrery_deliveries_pending")).isZero();
    assertThat(scrape.value("orrery_deliveries_oldest_pending_age_seconds")).isZero();
    assertThat(scrape.value("orrery_feeds{state=\"watched\"}")).isEqualTo(1.0);
    assertThat(scrape.value("orrery_feeds{state=\"failing\"}")).isZero();
    assertThat(scrape.value("orrery_feeds{state=\"paused\"}")).isZero();
    assertThat(scrape.value("orrery_commands_total{command=\"subscribe\",outcome=\"ok\"}"))
        .isEqualTo(1.0);
    assertThat(scrape.value("orrery_discord_rate_limits_total{scope=\"route\"}")).isEqualTo(1.0);
    assertThat(scrape.value("orrery_discord_rate_limits_total{scope=\"global\"}")).isEqualTo(1.0);
    assertThat(scrape.value("orrery_discord_rate_limits_total{scope=\"shared\"}")).isZero();
    assertThat(scrape.value("orrery_discord_requests_total")).isGreaterThan(sent);
    assertThat(scrape.value("orrery_gateway_connected{shard=\"0\"}")).isEqualTo(1.0);
    // the libraries' meters
    assertThat(scrape.has("hikaricp_connections")).isTrue();
    assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
    assertThat(scrape.has("jvm_threads_live_threads")).isTrue();
    assertThat(scrape.has("jvm_classes_loaded_classes")).isTrue();
    assertThat(scrape.has("process_uptime_seconds")).isTrue();
    assertThat(scrape.has("logback_events_total")).isTrue();
    assertThat(scrape.body())
        .containsPattern("okhttp_requests_seconds_count\\{[^}]*status=\"304\"[^}]*} [1-9]");
    // nor a feed's host: as many series as hosts would not fit the heap
    assertThat(scrape.body()).doesNotContain("127.0.0.1");
    // no label carries a feed's query or the bot's token
    assertThat(scrape.body()).doesNotContain(FEED_KEY).doesNotContain("?key");
    assertThat(scrape.body()).doesNotContain(h.discord.token());
    assertThat(Scrape.get(server, "/health")).isEqualTo(new Scrape(200, "{\"status\":\"up\"}"));
  }

  @Test
  void deliveriesThatDoNotLandAreCountedByHowTheySettled() {
    Channel gone = h.discord.createTextChannel(h.guild, "gone");
    Channel locked = h.discord.createTextChannel(h.guild, "locked");
    String feed = h.feeds.url("/private.xml").toString();
    for (Channel channel : List.of(h.news, gone, locked)) {
      assertThat(h.subscribe(channel, feed).content()).startsWith("Subscribed");
    }
    // Discord answers the first post with a 500, which JDA does not retry itself; the bot is not
    // told of the deleted channel nor of the revoked permission, so it tries both
    h.discord.failNextRequests(1, 500, "POST channels/*/messages");
    h.discord.deleteChannel(gone, Notify.NOBODY);
    h.discord.revoke(
        locked, h.discord.botMember(h.guild), Permissions.SEND_MESSAGES, Notify.NOBODY);
    h.feeds.serveResource(
        "/private.xml", Resources.snapshot(Resources.SNAPSHOTS[1], "planet-python"));
    h.discord.awaitMessages(h.news, 3, WAIT);
    Scrape[] scrape = new Scrape[1];
    Await.until(
        WAIT,
        "the posts, the channel gone and the locked one to be counted",
        () -> {
          scrape[0] = Scrape.get(server, "/metrics");
          return scrape[0].value("orrery_deliveries_total{outcome=\"sent\"}") >= 3
              && scrape[0].value("orrery_deliveries_total{outcome=\"channel_gone\"}") > 0
              && scrape[0].value("orrery_deliveries_total{outcome=\"paused\"}") > 0;
        });

    assertThat(scrape[0].value("orrery_deliveries_total{outcome=\"sent\"}")).isEqualTo(3.0);
    assertThat(scrape[0].value("orrery_deliveries_total{outcome=\"retried\"}")).isEqualTo(1.0);
    assertThat(scrape[0].value("orrery_deliveries_total{outcome=\"channel_gone\"}")).isEqualTo(1.0);
    assertThat(scrape[0].value("orrery_deliveries_total{outcome=\"paused\"}")).isEqualTo(1.0);
    assertThat(scrape[0].value("orrery_deliveries_total{outcome=\"failed\"}")).isZero();
  }

  @Test
  void healthIsDownWhileAShardIsDisconnectedAndUpWhenItIsBack() {
    assertThat(Scrape.get(server, "/health").status()).isEqualTo(200);
    h.discord.refuseGatewayConnections();
    h.discord.dropGateway();

    Await.until(WAIT, "a 503", () -> Scrape.get(server, "/health").status() == 503);
    Scrape down = Scrape.get(server, "/health");
    Scrape metrics = Scrape.get(server, "/metrics");
    h.discord.acceptGatewayConnections();

    assertThat(down.body()).matches("\\{\"status\":\"down\",\"reason\":\"shard 0 is [A-Z_]+\"}");
    assertThat(metrics.value("orrery_gateway_connected{shard=\"0\"}")).isZero();
    Await.until(WAIT, "a 200 again", () -> Scrape.get(server, "/health").status() == 200);
  }

  @Test
  void healthIsDownWhenTheDatabaseDoesNotAnswer() {
    app.feedSide().database.close();

    Scrape health = Scrape.get(server, "/health");

    assertThat(health.status()).isEqualTo(503);
    assertThat(health.body())
        .isEqualTo("{\"status\":\"down\",\"reason\":\"the database does not answer\"}");
    // the gauges read from it are NaN, the rest of the scrape is there
    Scrape scrape = Scrape.get(server, "/metrics");
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.value("orrery_feeds{state=\"watched\"}")).isNaN();
    assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
    // a command that needs it ends in an error, and is counted so
    h.command(h.reader, h.news, "subscriptions");
    assertThat(
            Scrape.get(server, "/metrics")
                .value("orrery_commands_total{command=\"subscriptions\",outcome=\"error\"}"))
        .isEqualTo(1.0);
  }

  @Test
  void aCommandNoLongerKnownIsCountedUnderOneNameNotItsOwn() throws Exception {
    // an earlier version registered /debug in the guild, so Discord still sends it
    HttpResponse<String> registered =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            h.discord.restBaseUrl()
                                + "applications/"
                                + h.discord.applicationId()
                                + "/guilds/"
                                + h.guild.id()
                                + "/commands"))
                    .header("Authorization", "Bot " + h.discord.token())
                    .header("Content-Type", "application/json")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            "[{\"name\":\"debug\",\"description\":\"An earlier version's\"}]"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);

    PostedMessage reply = h.command(h.reader, h.news, "debug");

    assertThat(reply.content()).isEqualTo("That command is no longer supported.");
    Scrape scrape = Scrape.get(server, "/metrics");
    assertThat(scrape.value("orrery_commands_total{command=\"other\",outcome=\"unknown\"}"))
        .isEqualTo(1.0);
    assertThat(scrape.body()).doesNotContain("command=\"debug\"");
  }

  @Test
  void healthIsDownWhenPollingHasStopped() {
    app.feedSide().scheduler.close();

    assertThat(Scrape.get(server, "/health"))
        .isEqualTo(new Scrape(503, "{\"status\":\"down\",\"reason\":\"polling is not running\"}"));
  }

  @Test
  void healthIsDownWhilePollingWaitsForRoomOnAFullDisk() throws Exception {
    Assumptions.assumeTrue(SmallDisk.canMount(), "mounting a small disk needs root");
    h.close();
    h = null;
    Path mountPoint = Files.createDirectories(dir.resolve("small"));
    try (SmallDisk disk = SmallDisk.mount(mountPoint, 8);
        BotHarness small = new BotHarness(disk.path()).configure("metrics.listen=127.0.0.1:0")) {
      String feedPath = "/feed.xml";
      small.feeds.serveResource(
          feedPath, Resources.snapshot(Resources.SNAPSHOTS[0], "planet-python"));
      App bot = small.startBot();
      InetSocketAddress address = bot.metrics().address();
      assertThat(small.subscribe(small.news, small.feeds.url(feedPath).toString()).content())
          .startsWith("Subscribed");
      Await.until(WAIT, "up", () -> Scrape.get(address, "/health").status() == 200);
      FeedSide side = bot.feedSide();
      // every write from now on must grow the write-ahead log, on a disk with no room
      side.database.withConnection(
          "truncate the log", c -> c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)"));
      disk.fill();
      small.feeds.serveResource(
          feedPath, Resources.snapshot(Resources.SNAPSHOTS[1], "planet-python"));
      Feed feed = side.feeds.findByUrl(small.feeds.url(feedPath).toString()).orElseThrow();

      assertThat(side.refresher.refresh(feed)).isInstanceOf(RefreshOutcome.Failed.class);

      assertThat(Scrape.get(address, "/health"))
          .isEqualTo(
              new Scrape(
                  503,
                  "{\"status\":\"down\",\"reason\":\"polling waits for room on the database's"
                      + " disk\"}"));
      disk.free();
      small.stopBot();
    }
  }

  @Test
  void stoppingTheBotStopsTheServer() {
    h.stopBot();

    assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", server.getPort()).close())
        .isInstanceOf(java.net.ConnectException.class);
  }

  private static long count(java.sql.Connection c, String sql) throws java.sql.SQLException {
    try (var statement = c.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
