package dev.orrery.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.store.Admission;
import dev.orrery.store.Database;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.FeedServer;
import dev.orrery.testing.HostileFeeds;
import dev.orrery.testing.Resources;
import dev.orrery.testing.SmallDisk;
import dev.orrery.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedRefresherTest {
  static final String PYTHON_1 = "/fixtures/feeds/2025-07-06/planet-python.rss.xml";
  static final String PYTHON_2 = "/fixtures/feeds/2026-04-22/planet-python.rss.xml";

  @TempDir Path dir;
  FeedServer server;
  Database db;
  FeedStore feeds;
  EntryStore entries;
  SubscriptionStore subscriptions;
  DeliveryStore deliveries;
  FeedFetcher fetcher;
  FeedRefresher refresher;
  TestClock clock = new TestClock(Instant.parse("2026-05-01T10:00:00Z"));
  List<RefreshOutcome> heard = new ArrayList<>();

  @BeforeEach
  void setUp() {
    server = new FeedServer();
    wire(dir.resolve("orrery.db"));
  }

  void wire(Path database) {
    db = Database.open(new Config.Database("jdbc:sqlite:" + database, 4));
    feeds = new FeedStore(db);
    entries = new EntryStore(db, 5, Admission.EVERYTHING, true);
    subscriptions = new SubscriptionStore(db);
    deliveries = new DeliveryStore(db);
    fetcher =
        new FeedFetcher(
            new FetcherSettings("OrreryTest/1", Duration.ofSeconds(5), 1 << 20, true, 4));
    refresher =
        new FeedRefresher(
            fetcher,
            new FeedParser(),
            new EntryNormalizer(350),
            feeds,
            entries,
            new PollSchedule(Duration.ofMinutes(10), Duration.ofMinutes(1), new Random(1)),
            new Catalogue(Map.of()),
            clock);
    refresher.addListener(heard::add);
  }

  @AfterEach
  void tearDown() {
    fetcher.close();
    db.close();
    server.close();
  }

  @Test
  void aFullDiskIsNamedHoldsPollingBackAndLosesNothingOnceThereIsRoom() throws Exception {
    Assumptions.assumeTrue(SmallDisk.canMount(), "mounting a small disk needs root");
    fetcher.close();
    db.close();
    Path mountPoint = Files.createDirectories(dir.resolve("small"));
    try (SmallDisk disk = SmallDisk.mount(mountPoint, 8)) {
      Path database = disk.path().resolve("orrery.db");
      wire(database);
      server.serveResource("/feed", PYTHON_1);
      Feed feed = feed("/feed");
      assertThat(refresher.refresh(feed)).isInstanceOf(RefreshOutcome.Updated.class);
      // every write from now on must grow the write-ahead log, on a disk with no room
      db.withConnection(
          "truncate the log", c -> c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)"));
      disk.fill();

      server.serveResource("/feed", PYTHON_2);
      RefreshOutcome full = refresher.refresh(reload(feed));
      assertThat(full).isInstanceOf(RefreshOutcome.Failed.class);
      assertThat(((RefreshOutcome.Failed) full).reason())
          .isEqualTo(
              "the disk holding "
                  + database.toAbsolutePath()
                  + " is full: polling waits until there is room, then resumes by itself");
      long fetches = server.requestCount("/feed");

      clock.advance(Duration.ofSeconds(10));
      assertThat(refresher.refresh(reload(feed))).isInstanceOf(RefreshOutcome.Failed.class);
      assertThat(server.requestCount("/feed"))
          .as("no fetch while the disk is full")
          .isEqualTo(fetches);
      assertThat(refresher.heldUntil()).isAfter(clock.instant());

      disk.free();
      clock.advance(Duration.ofSeconds(30));
      RefreshOutcome resumed = refresher.refresh(reload(feed));
      assertThat(resumed).isInstanceOf(RefreshOutcome.Updated.class);
      assertThat(((RefreshOutcome.Updated) resumed).record().inserted()).isNotEmpty();
      assertThat(reload(feed).errorCount()).isZero();
      assertThat(refresher.heldUntil()).isNull();
      db.close();
    }
  }

  @Test
  void aFeedThatBreaksTheReaderIsRecordedAsFailingAndNothingEscapes() {
    server.serve(
        "/feed",
        HostileFeeds.rssWithNestedDescription(5_000)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Feed feed = feed("/feed");
    RefreshOutcome outcome = refresher.refresh(feed);
    assertThat(outcome).isInstanceOf(RefreshOutcome.Failed.class);
    assertThat(reload(feed).errorCount()).isEqualTo(1);
    assertThat(reload(feed).lastError()).isEqualTo(((RefreshOutcome.Failed) outcome).reason());
    assertThat(reload(feed).lastError()).doesNotContain("Error", "java.", "org.");
  }

  Feed feed(String path) {
    Feed feed = feeds.findOrCreate(server.url(path).toString(), clock.instant());
    subscriptions.create(1, 10, feed.id(), null, null, clock.instant());
    return feed;
  }

  Feed reload(Feed feed) {
    return feeds.find(feed.id()).orElseThrow();
  }

  @Test
  void aFirstPollStoresTheBaselineAndASecondQueuesOnlyTheNewEntries() {
    server.serveResource("/feed", PYTHON_1);
    Feed feed = feed("/feed");
    RefreshOutcome first = refresher.refresh(feed);
    assertThat(first)
        .isInstanceOfSatisfying(
            RefreshOutcome.Updated.class,
            u -> {
              assertThat(u.record().baseline()).isTrue();
              assertThat(u.record().inserted()).hasSize(3);
            });
    assertThat(reload(feed).title()).isEqualTo("Planet Python");
    server.serveResource("/feed", PYTHON_2);
    clock.advance(Duration.ofMinutes(10));
    RefreshOutcome second = refresher.refresh(reload(feed));
    assertThat(second)
        .isInstanceOfSatisfying(
            RefreshOutcome.Updated.class,
            u -> {
              assertThat(u.record().baseline()).isFalse();
              assertThat(u.record().inserted()).hasSize(3);
              assertThat(u.record().pending()).isEqualTo(3);
            });
    assertThat(deliveries.dueForChannel(10, clock.instant(), 10)).hasSize(3);
    assertThat(heard).containsExactly(first, second);
  }

  @Test
  void readingANewUrlStoresItOnlyWhenItIsAWorkingFeed() {
    server.serveResource("/feed", PYTHON_1);
    server.respond(
        "/page", 200, "<html><body>hi</body></html>", Map.of("Content-Type", "text/html"));
    assertThat(refresher.readNew(server.url("/page").toString()))
        .as("a page that offers no feed")
        .isEqualTo(new FeedRefresher.FirstRead.Page(List.of()));
    assertThat(refresher.readNew(server.url("/missing").toString()))
        .isEqualTo(new FeedRefresher.FirstRead.Refused("HTTP 404 Not Found"));
    assertThat(feeds.findByUrl(server.url("/page").toString())).isEmpty();
    assertThat(feeds.findByUrl(server.url("/missing").toString())).isEmpty();

    FeedRefresher.FirstRead read = refresher.readNew(server.url("/feed").toString());
    assertThat(read)
        .isInstanceOfSatisfying(
            FeedRefresher.FirstRead.Stored.class,
            stored -> {
              assertThat(stored.feed().neverPolled()).isFalse();
              assertThat(entries.count(stored.feed().id())).isEqualTo(3);
            });
    assertThat(heard)
        .singleElement()
        .isInstanceOfSatisfying(
            RefreshOutcome.Updated.class, u -> assertThat(u.record().baseline()).isTrue());
  }

  @Test
  void aNotModifiedAnswerIsNotParsedAndMovesOnlyTheSchedule() {
    server.serveResource("/feed", PYTHON_1);
    Feed feed = feed("/feed");
    refresher.refresh(feed);
    clock.advance(Duration.ofMinutes(10));
    RefreshOutcome outcome = refresher.refresh(reload(feed));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            RefreshOutcome.Unchanged.class, u -> assertThat(u.notModified()).isTrue());
    assertThat(server.requests().get(1).ifNoneMatch()).isNotNull();
    Feed after = reload(feed);
    assertThat(after.lastSuccessAt()).isEqualTo(clock.instant());
    assertThat(after.nextPollAt()).isAfter(clock.instant().plus(Duration.ofMinutes(8)));
  }

  @Test
  void theSameBodyWithoutValidatorsIsNotParsedAgain() {
    server.respond(
        "/feed",
        200,
        new String(Resources.bytes(PYTHON_1), java.nio.charset.StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/rss+xml"));
    Feed feed = feed("/feed");
    refresher.refresh(feed);
    clock.advance(Duration.ofMinutes(10));
    assertThat(refresher.refresh(reload(feed)))
        .isInstanceOfSatisfying(
            RefreshOutcome.Unchanged.class, u -> assertThat(u.notModified()).isFalse());
    assertThat(server.requests().get(1).ifNoneMatch()).isNull();
  }

  @Test
  void retryAfterDefersWithoutCountingAnError() {
    server.respond("/feed", 429, "slow down", Map.of("Retry-After", "3600"));
    Feed feed = feed("/feed");
    RefreshOutcome outcome = refresher.refresh(feed);
    assertThat(outcome)
        .isInstanceOfSatisfying(
            RefreshOutcome.Deferred.class,
            d -> assertThat(d.retryAfter()).isEqualTo(Duration.ofHours(1)));
    Feed after = reload(feed);
    assertThat(after.errorCount()).isZero();
    assertThat(after.nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    assertThat(after.lastError()).contains("429");
  }

  @Test
  void a503WithRetryAfterIsDeferredToo() {
    server.respond("/feed", 503, "maintenance", Map.of("Retry-After", "120"));
    Feed feed = feed("/feed");
    assertThat(refresher.refresh(feed)).isInstanceOf(RefreshOutcome.Deferred.class);
    assertThat(reload(feed).nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
  }

  @Test
  void errorsBackOffAndAFeedFailingForThreeDaysIsPausedOnce() {
    server.respond("/feed", 500, "boom", Map.of());
    Feed feed = feed("/feed");
    RefreshOutcome first = refresher.refresh(feed);
    assertThat(first)
        .isInstanceOfSatisfying(
            RefreshOutcome.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo("HTTP 500 Internal Server Error");
              assertThat(f.pausedNow()).isFalse();
            });
    assertThat(reload(feed).nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    clock.advance(Duration.ofMinutes(1));
    refresher.refresh(reload(feed));
    assertThat(reload(feed).errorCount()).isEqualTo(2);
    assertThat(reload(feed).nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

    clock.advance(Duration.ofDays(3));
    RefreshOutcome late = refresher.refresh(reload(feed));
    assertThat(late)
        .isInstanceOfSatisfying(
            RefreshOutcome.Failed.class, f -> assertThat(f.pausedNow()).isTrue());
    assertThat(reload(feed).pausedReason())
        .startsWith("failing since 1 May 2026: HTTP 500 Internal Server Error");
    assertThat(feeds.watched()).isEmpty();
    assertThat(refresher.refresh(reload(feed)))
        .isInstanceOfSatisfying(
            RefreshOutcome.Failed.class, f -> assertThat(f.pausedNow()).isFalse());
  }

  @Test
  void aSuccessClearsTheErrors() {
    server.respond("/feed", 500, "boom", Map.of());
    Feed feed = feed("/feed");
    refresher.refresh(feed);
    server.serveResource("/feed", PYTHON_1);
    refresher.refresh(reload(feed));
    Feed after = reload(feed);
    assertThat(after.errorCount()).isZero();
    assertThat(after.lastError()).isNull();
    assertThat(after.failingSince()).isNull();
  }

  @Test
  void goneFeedsArePausedAtOnce() {
    server.respond("/feed", 410, "", Map.of());
    Feed feed = feed("/feed");
    assertThat(refresher.refresh(feed))
        .isInstanceOfSatisfying(
            RefreshOutcome.Failed.class, f -> assertThat(f.pausedNow()).isTrue());
    assertThat(reload(feed).pausedReason()).isEqualTo("HTTP 410 Gone: the feed was removed");
  }

  @Test
  void aPageThatIsNotAFeedIsAReadableError() {
    server.respond(
        "/feed",
        200,
        "<!DOCTYPE html><html><head><title>Hi</title></head><body>hello</body></html>",
        Map.of("Content-Type", "text/html"));
    Feed feed = feed("/feed");
    assertThat(refresher.refresh(feed))
        .isInstanceOfSatisfying(
            RefreshOutcome.Failed.class,
            f -> assertThat(f.reason()).isEqualTo("not a feed: the page is HTML"));
    assertThat(reload(feed).lastError()).isEqualTo("not a feed: the page is HTML");
  }

  @Test
  void aPermanentRedirectMovesWhereTheFeedIsFetchedFromButNotItsIdentity() {
    server.serveResource("/new", PYTHON_1);
    server.respond("/old", 301, "", Map.of("Location", server.url("/new").toString()));
    Feed feed = feed("/old");
    assertThat(refresher.refresh(feed)).isInstanceOf(RefreshOutcome.Updated.class);
    Feed moved = reload(feed);
    assertThat(moved.url()).isEqualTo(server.url("/old").toString());
    assertThat(moved.location()).isEqualTo(server.url("/new").toString());
    assertThat(feeds.findByUrl(server.url("/old").toString())).map(Feed::id).contains(feed.id());
    refresher.refresh(moved);
    assertThat(server.requestCount("/old")).isEqualTo(1);
    assertThat(server.requestCount("/new")).isEqualTo(2);
  }

  @Test
  void aTemporaryRedirectKeepsTheStoredUrl() {
    server.serveResource("/new", PYTHON_1);
    server.respond("/old", 302, "", Map.of("Location", server.url("/new").toString()));
    Feed feed = feed("/old");
    assertThat(refresher.refresh(feed)).isInstanceOf(RefreshOutcome.Updated.class);
    assertThat(reload(feed).url()).isEqualTo(server.url("/old").toString());
    assertThat(reload(feed).fetchUrl()).isNull();
  }

  @Test
  void reDatedAndReorderedEntriesAreNeverNew() {
    String original =
        new String(Resources.bytes(PYTHON_1), java.nio.charset.StandardCharsets.UTF_8);
    server.respond("/feed", 200, original, Map.of());
    Feed feed = feed("/feed");
    refresher.refresh(feed);
    // the same items with new dates, in reverse order
    String redated =
        original.replaceAll(
            "<pubDate>[^<]*</pubDate>", "<pubDate>Fri, 01 May 2026 09:00:00 GMT</pubDate>");
    int first = redated.indexOf("<item>");
    int last = redated.lastIndexOf("</item>") + "</item>".length();
    List<String> items =
        new ArrayList<>(List.of(redated.substring(first, last).split("(?<=</item>)")));
    java.util.Collections.reverse(items);
    String reordered =
        redated.substring(0, first) + String.join("", items).trim() + redated.substring(last);
    server.respond("/feed", 200, reordered, Map.of());
    clock.advance(Duration.ofMinutes(10));
    assertThat(refresher.refresh(reload(feed)))
        .isInstanceOfSatisfying(
            RefreshOutcome.Updated.class, u -> assertThat(u.record().inserted()).isEmpty());
    assertThat(deliveries.dueForDiscord(clock.instant(), 10)).isEmpty();
  }
}
