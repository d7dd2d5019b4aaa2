package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.config.ConfigLoader;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.feed.OpmlFeed;
import dev.orrery.feed.OpmlReader;
import dev.orrery.poll.OpmlImport;
import dev.orrery.poll.OpmlImport.Outcome;
import dev.orrery.poll.SubscriptionService.SubscribeResult;
import dev.orrery.store.DigestSchedule;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription;
import dev.orrery.testing.FeedServer;
import dev.orrery.testing.Resources;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OPML import as both /opml import and orrery opml import run it: real feeds on a loopback
 * server, the real fetcher and its address guard, a real SQLite file.
 */
class OpmlImportTest {
  static final long GUILD = 1;
  static final long NEWS = 10;
  static final int PER_HOST = 2;

  @TempDir Path dir;
  FeedServer server;
  List<FeedSide> sides = new ArrayList<>();
  FeedSide side;

  @BeforeEach
  void start() throws Exception {
    server = new FeedServer();
    server.serveResource("/a.xml", Resources.snapshot(Resources.SNAPSHOTS[0], "planet-python"));
    server.serveResource("/b.xml", Resources.snapshot(Resources.SNAPSHOTS[0], "planet-plone"));
    server.serveResource("/c.xml", Resources.snapshot(Resources.SNAPSHOTS[0], "planet-twisted"));
    server.serveResource("/d.xml", Resources.snapshot(Resources.SNAPSHOTS[0], "django-community"));
    server.respond(
        "/page.html",
        200,
        "<!DOCTYPE html><html><body>No feed here</body></html>",
        Map.of("Content-Type", "text/html"));
    side = side("orrery.db");
  }

  @AfterEach
  void stop() {
    sides.forEach(FeedSide::close);
    server.close();
  }

  /**
   * The feed side of a bot on its own database file, which may fetch from the loopback server's
   * address but refuses every other private one, as a public bot would.
   */
  FeedSide side(String database) throws Exception {
    Path config = dir.resolve(database + ".properties");
    Files.writeString(
        config, "database.url=jdbc:sqlite:" + dir.resolve(database) + "\nhttp.timeout=5s\n");
    Config cfg = new ConfigLoader(Map.of()).load(config, false);
    FetcherSettings http = FeedSide.fetcherSettings(cfg);
    FeedSide made =
        new FeedSide(
            cfg,
            new FetcherSettings(
                http.userAgent(),
                http.timeout(),
                http.maxBytes(),
                false,
                PER_HOST,
                Dns.SYSTEM,
                Set.of(InetAddress.getByName("127.0.0.1"))),
            InstantSource.system());
    sides.add(made);
    return made;
  }

  String url(String path) {
    return server.url(path).toString();
  }

  static OpmlFeed listed(String url) {
    return new OpmlFeed(url, null, null, OpmlFeed.Settings.NONE);
  }

  record Told(int done, int total, Outcome outcome) {}

  @Test
  void eachFeedIsAddedAlreadyThereOrRefusedWithTheReasonSubscribeGives() throws Exception {
    side.service.subscribe(GUILD, NEWS, url("/c.xml"), null, Subscription.Settings.DEFAULT, 5L, 0);
    String privateAddress = "http://127.0.0.2:" + server.url("/").getPort() + "/feed.xml";
    OpmlFeed.Settings custom =
        new OpmlFeed.Settings(
            "python",
            "**{{title}}**",
            "false",
            "Snakes",
            "https://example.org/a.png",
            "weekly 09:30 Europe/Paris");
    List<OpmlFeed> file =
        List.of(
            new OpmlFeed(url("/a.xml"), "Python", null, custom),
            listed(url("/b.xml")),
            listed(url("/./b.xml")),
            listed(url("/c.xml")),
            listed(url("/missing.xml")),
            listed(url("/page.html")),
            listed(privateAddress),
            new OpmlFeed(
                url("/d.xml"),
                "Django",
                null,
                new OpmlFeed.Settings(null, null, null, null, null, "hourly")));
    List<Told> told = new ArrayList<>();

    OpmlImport.Result result =
        side.opmlImport.run(
            new OpmlImport.Target(GUILD, NEWS, 7L),
            file,
            (done, total, outcome) -> told.add(new Told(done, total, outcome)));

    assertThat(result.added())
        .extracting(a -> a.feed().url())
        .containsExactly(url("/a.xml"), url("/b.xml"));
    assertThat(result.alreadyThere())
        .extracting(a -> a.feed().url())
        .containsExactly(url("/c.xml"));
    assertThat(result.refused())
        .extracting(r -> r.listed().url())
        .containsExactly(url("/missing.xml"), url("/page.html"), privateAddress, url("/d.xml"));
    for (Outcome.Refused refused : result.refused().subList(0, 3)) {
      SubscribeResult subscribe =
          side.service.subscribe(
              GUILD, 99, refused.listed().url(), null, Subscription.Settings.DEFAULT, 5L, 0);
      assertThat(refused.reason())
          .isEqualTo(((SubscribeResult.Refused) subscribe).reason())
          .isNotBlank();
    }
    assertThat(result.refused().get(0).reason()).isEqualTo("HTTP 404 Not Found");
    assertThat(result.refused().get(2).reason())
        .startsWith("refused: 127.0.0.2 is a loopback address");
    assertThat(result.refused().get(3).reason())
        .isEqualTo(
            "its orrery:digest is 'hourly': write how often, a time and a time zone, like 'daily"
                + " 08:00 Europe/Paris' or 'weekly 09:30 UTC'");

    assertThat(told).hasSize(7).allMatch(t -> t.total() == 7);
    assertThat(told).extracting(Told::done).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(told)
        .extracting(Told::outcome)
        .containsExactlyInAnyOrderElementsOf(result.outcomes());

    List<Subscription> subscribed = side.subscriptions.forChannel(NEWS);
    assertThat(subscribed).hasSize(3);
    Feed a = side.feeds.findByUrl(url("/a.xml")).orElseThrow();
    Subscription python = side.subscriptions.find(NEWS, a.id()).orElseThrow();
    assertThat(python.createdBy()).isEqualTo(7L);
    assertThat(python.guildId()).isEqualTo(GUILD);
    assertThat(python.settings().filter()).isEqualTo("python");
    assertThat(python.settings().template()).isEqualTo("**{{title}}**");
    assertThat(python.settings().embed()).isFalse();
    assertThat(python.settings().appearance())
        .isEqualTo(new Subscription.Appearance("Snakes", "https://example.org/a.png"));
    assertThat(python.settings().digest().every()).isEqualTo(DigestSchedule.Every.WEEKLY);
    assertThat(python.settings().digest().at()).isEqualTo(LocalTime.of(9, 30));
    assertThat(python.settings().digest().zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(python.settings().digest().lastDue()).as("no period owed").isNotNull();

    assertThat(server.requestCount("/b.xml")).as("a URL listed twice is read once").isEqualTo(1);
    assertThat(server.requestCount("/d.xml")).as("refused before it is fetched").isZero();
    assertThat(side.feeds.findByUrl(url("/d.xml"))).isEmpty();
    assertThat(side.feeds.findByUrl(url("/missing.xml"))).isEmpty();
    assertThat(side.feeds.findByUrl(url("/page.html"))).isEmpty();
    assertThat(side.scheduler.isWatching(a.id())).isTrue();
  }

  @Test
  void severalFeedsAreReadAtOnceButNeverMoreFromOneHostThanTheFetcherAllows() throws Exception {
    server.delay(Duration.ofMillis(300));
    int port = server.url("/").getPort();
    List<OpmlFeed> file = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      server.serveResource(
          "/many-" + i + ".xml", Resources.snapshot(Resources.SNAPSHOTS[0], "planet-plone"));
      file.add(listed("http://127.0.0.1:" + port + "/many-" + i + ".xml"));
      file.add(listed("http://localhost:" + port + "/many-" + i + ".xml"));
    }

    OpmlImport.Result result =
        side.opmlImport.run(new OpmlImport.Target(GUILD, NEWS, null), file, (d, t, o) -> {});

    assertThat(result.added()).hasSize(12);
    assertThat(server.mostAtOnce("127.0.0.1:" + port)).isBetween(1, PER_HOST);
    assertThat(server.mostAtOnce("localhost:" + port)).isBetween(1, PER_HOST);
    assertThat(server.mostAtOnce()).as("several at a time").isGreaterThan(1);
  }

  @Test
  void anExportImportedOnAnEmptyDatabaseGivesTheSameSubscriptions() throws Exception {
    OpmlFeed.Settings custom =
        new OpmlFeed.Settings(
            "python -django", "{{title}}\n<{{link}}>", "false", "Snakes", null, "daily 08:00 UTC");
    side.opmlImport.run(
        new OpmlImport.Target(GUILD, NEWS, null),
        List.of(
            new OpmlFeed(url("/a.xml"), null, null, custom),
            listed(url("/b.xml")),
            new OpmlFeed(
                url("/c.xml"),
                null,
                null,
                new OpmlFeed.Settings(null, null, null, null, "https://example.org/c.png", null))),
        (d, t, o) -> {});
    byte[] file =
        side.opmlExport.write("Python", side.subscriptions.forChannel(NEWS), id -> "news");

    FeedSide empty = side("empty.db");
    OpmlReader.Read read = new OpmlReader().read(file);
    OpmlImport.Result again =
        empty.opmlImport.run(
            new OpmlImport.Target(GUILD, NEWS, null),
            ((OpmlReader.Read.Feeds) read).feeds(),
            (d, t, o) -> {});

    assertThat(again.added()).hasSize(3);
    assertThat(shapes(empty)).isEqualTo(shapes(side));
    // the imported digest is scheduled at once, not only from the bot's next start
    for (Subscription s : empty.subscriptions.forChannel(NEWS)) {
      assertThat(empty.digestScheduler.nextDigest(s.id()).isPresent())
          .as("a digest trigger for " + s)
          .isEqualTo(s.digest() != null);
    }
    assertThat(new String(file, StandardCharsets.UTF_8))
        .contains("orrery:filter=\"python -django\"");
  }

  /** What a subscription is, apart from its ids and times: where, which feed, and how. */
  static List<String> shapes(FeedSide side) {
    return side.subscriptions.all().stream()
        .map(
            s -> {
              Subscription.Settings settings = s.settings();
              DigestSchedule digest = settings.digest();
              return s.guildId()
                  + " "
                  + s.channelId()
                  + " "
                  + side.feeds.find(s.feedId()).orElseThrow().url()
                  + " "
                  + new Subscription.Settings(
                      settings.filter(),
                      settings.template(),
                      settings.embed(),
                      settings.appearance(),
                      digest == null
                          ? null
                          : new DigestSchedule(digest.every(), digest.at(), digest.zone(), null));
            })
        .sorted()
        .toList();
  }
}
