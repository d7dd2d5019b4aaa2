package dev.orrery.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.store.Admission;
import dev.orrery.store.Database;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.Await;
import dev.orrery.testing.FeedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PollSchedulerTest {
  static final String PYTHON = "/fixtures/feeds/2025-07-06/planet-python.rss.xml";
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  FeedServer server;
  Database db;
  FeedStore feeds;
  SubscriptionStore subscriptions;
  FeedFetcher fetcher;
  FeedRefresher refresher;
  PollSchedule schedule;

  @BeforeEach
  void setUp() {
    server = new FeedServer();
    db = Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 4));
    feeds = new FeedStore(db);
    subscriptions = new SubscriptionStore(db);
    fetcher =
        new FeedFetcher(
            new FetcherSettings("OrreryTest/1", Duration.ofSeconds(5), 1 << 20, true, 4));
    schedule = new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), new Random(3));
    refresher =
        new FeedRefresher(
            fetcher,
            new FeedParser(),
            new EntryNormalizer(350),
            feeds,
            new EntryStore(db, 5, Admission.EVERYTHING, true),
            schedule,
            new Catalogue(Map.of()),
            InstantSource.system());
  }

  @AfterEach
  void tearDown() {
    fetcher.close();
    db.close();
    server.close();
  }

  PollScheduler scheduler() {
    return new PollScheduler(feeds, refresher, schedule, 2, false, InstantSource.system());
  }

  Feed subscribed(String path) {
    Feed feed = feeds.findOrCreate(server.url(path).toString(), InstantSource.system().instant());
    subscriptions.create(1, 10, feed.id(), null, null, InstantSource.system().instant());
    return feed;
  }

  @Test
  void eachWatchedFeedIsPolledAgainAndAgainOnItsOwnSchedule() {
    server.serveResource("/a", PYTHON);
    server.serveResource("/b", PYTHON);
    subscribed("/a");
    subscribed("/b");
    feeds.findOrCreate(server.url("/unsubscribed").toString(), InstantSource.system().instant());
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      Await.until(
          WAIT,
          "three polls of each feed",
          () -> server.requestCount("/a") >= 3 && server.requestCount("/b") >= 3);
    }
    assertThat(server.requestCount("/unsubscribed")).isZero();
  }

  @Test
  void feedsAnswering304ArePolledOnScheduleAndTheirPollsWrittenBeforeTheDueFeedsAreReadAgain()
      throws Exception {
    byte[] body;
    try (java.io.InputStream in = getClass().getResourceAsStream(PYTHON)) {
      body = in.readAllBytes();
    }
    server.respond("/a", 200, body, Map.of("ETag", "\"a1\""));
    Feed feed = subscribed("/a");
    // a batch never full and never due by its own timer
    try (UnchangedPolls polls = new UnchangedPolls(feeds, 1_000, Duration.ofHours(1))) {
      FeedRefresher batching =
          new FeedRefresher(
              fetcher,
              new FeedParser(),
              new EntryNormalizer(350),
              feeds,
              new EntryStore(db, 5, Admission.EVERYTHING, true),
              schedule,
              new Catalogue(Map.of()),
              InstantSource.system(),
              polls);
      try (PollScheduler scheduler =
          new PollScheduler(feeds, batching, schedule, 2, false, InstantSource.system())) {
        scheduler.start();
        Await.until(WAIT, "three polls answered 304", () -> server.requestCount("/a") >= 4);
      }
      List<FeedServer.Request> requests = server.requests();
      assertThat(requests.stream().filter(r -> "\"a1\"".equals(r.ifNoneMatch())))
          .hasSizeGreaterThanOrEqualTo(3);
      for (int k = 1; k < requests.size(); k++) {
        assertThat(Duration.between(requests.get(k - 1).at(), requests.get(k).at()))
            .as("polls a second apart, never sooner")
            .isGreaterThan(Duration.ofMillis(900));
      }
      // a 304 after the first poll is in the row: written by the reads of due feeds, not by the
      // batch, which is never full and never due
      assertThat(feeds.find(feed.id()).orElseThrow().lastPolledAt())
          .isAfter(requests.get(0).at().plusMillis(500));
    }
  }

  @Test
  void aFeedIsNeverPolledByTwoThreadsAtOnceThoughItsRowStaysDueWhileItIsPolled() {
    server.serveResource("/slow", PYTHON);
    server.delay(Duration.ofMillis(1500));
    Feed feed = subscribed("/slow");
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      Await.until(WAIT, "three polls", () -> server.requestCount("/slow") >= 3);
    }
    assertThat(server.mostAtOnceAt("/slow")).isEqualTo(1);
    assertThat(feeds.find(feed.id()).orElseThrow().neverPolled()).isFalse();
  }

  @Test
  // a stop that waited for every due feed would never end: they are due again every second
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void stoppingEndsAfterThePollsUnderWayThoughMoreFeedsAreDue() {
    server.delay(Duration.ofMillis(500));
    for (int k = 0; k < 30; k++) {
      server.serveResource("/f" + k, PYTHON);
      subscribed("/f" + k);
    }
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      Await.until(WAIT, "the first polls", () -> server.requests().size() >= 2);
    }
    long polled = server.requests().size();
    // two threads: the two polls under way, maybe two more taken as the stop came
    assertThat(polled).isLessThanOrEqualTo(4);
    sleep(1_000);
    assertThat(server.requests()).as("nothing polled after the stop").hasSize((int) polled);
  }

  @Test
  void aStopReturnsOnlyOnceThePollUnderWayIsWritten() {
    server.delay(Duration.ofMillis(1_500));
    server.serveResource("/slow", PYTHON);
    Feed feed = subscribed("/slow");
    long stopped;
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      // counted as the request arrives, 1.5 s before its answer
      Await.until(WAIT, "the poll to start", () -> server.mostAtOnceAt("/slow") == 1);
      stopped = System.nanoTime();
    }
    assertThat(feeds.find(feed.id()).orElseThrow().lastSuccessAt())
        .as("the poll under way when the stop came, written before the stop returned")
        .isNotNull();
    assertThat(Duration.ofNanos(System.nanoTime() - stopped))
        .as("the stop waited for the answer")
        .isGreaterThan(Duration.ofMillis(1_000));
  }

  @Test
  void aFeedWhoseRowCannotBeWrittenIsHeldBackInsteadOfFetchedAtEverySweep() throws Exception {
    server.serveResource("/a", PYTHON);
    Feed feed = subscribed("/a");
    refuseWrites("/a");
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      Await.until(WAIT, "a first poll", () -> server.requestCount("/a") >= 1);
      Thread.sleep(3_000);
    }
    assertThat(feeds.find(feed.id()).orElseThrow().neverPolled()).as("never written").isTrue();
    // every sweep (a quarter second) would have fetched it a dozen times; held back, a minute
    assertThat(server.requestCount("/a")).isEqualTo(1);
  }

  @Test
  void feedsHeldBackDoNotKeepTheFeedsDueBehindThemWaiting() {
    // more rows that cannot be written than a read of due feeds holds (8 per thread), all due
    // before the one that can
    for (int k = 0; k < 20; k++) {
      server.serveResource("/stuck" + k, PYTHON);
      subscribed("/stuck" + k);
    }
    refuseWrites("/stuck");
    server.serveResource("/fine", PYTHON);
    subscribed("/fine");
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      Await.until(WAIT, "three polls of the feed behind", () -> server.requestCount("/fine") >= 3);
    }
    for (int k = 0; k < 20; k++) {
      assertThat(server.requestCount("/stuck" + k)).isEqualTo(1);
    }
  }

  @Test
  void aDatabaseThatCannotBeReadIsAskedAgainAfterABackoffNotAtEverySweep() throws Exception {
    server.serveResource("/a", PYTHON);
    subscribed("/a");
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(DueFeeds.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      Await.until(WAIT, "a first poll", () -> server.requestCount("/a") >= 1);
      db.close();
      Thread.sleep(3_000);
    } finally {
      logger.detachAppender(logged);
    }
    // two threads looking every quarter second would have failed two dozen times
    assertThat(logged.list)
        .filteredOn(e -> e.getFormattedMessage().startsWith("Could not read the due feeds"))
        .hasSize(1)
        .first()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("trying again in 5 s"));
  }

  /** Every update of the rows of the feeds whose address holds {@code path} fails. */
  private void refuseWrites(String path) {
    db.withConnection(
        "refuse writes to some feeds",
        c -> {
          try (java.sql.Statement st = c.createStatement()) {
            st.execute(
                "CREATE TRIGGER refuse BEFORE UPDATE ON feeds WHEN OLD.url LIKE '%"
                    + path
                    + "%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
          }
          return null;
        });
  }

  @Test
  void aFeedWatchedWhileNothingIsDueIsPolledAtOnce() {
    server.serveResource("/later", PYTHON);
    server.serveResource("/new", PYTHON);
    Feed later = subscribed("/later");
    feeds.reschedule(
        later.id(), Instant.now(), Instant.now().plus(Duration.ofHours(1)), "not due for an hour");
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      // long enough for a sweep to find nothing due, and nothing due for the next minute
      Await.until(WAIT, "a sweep", () -> server.requestCount("/later") == 0 && scheduler.running());
      sleep(600);
      Feed added = subscribed("/new");
      scheduler.watch(added);
      Await.until(
          Duration.ofSeconds(DueFeeds.MAX_QUIET.toSeconds() / 3),
          "the new feed's first poll",
          () -> server.requestCount("/new") >= 1);
    }
    assertThat(server.requestCount("/later")).isZero();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void askingWhetherAFeedIsWatchedDoesNotWaitForTheSchedulersLock() throws Exception {
    Feed feed = subscribed("/a");
    try (PollScheduler scheduler = scheduler()) {
      java.util.concurrent.ExecutorService asker =
          java.util.concurrent.Executors.newSingleThreadExecutor();
      try {
        synchronized (scheduler) {
          // as while a subscription is being watched: a poll thread's answer must not wait
          assertThat(
                  asker
                      .submit(() -> scheduler.isWatching(feed.id()))
                      .get(20, java.util.concurrent.TimeUnit.SECONDS))
              .isTrue();
        }
      } finally {
        asker.shutdownNow();
      }
    }
  }

  @Test
  void pollingGoesOnFromTheFeedsTableAtEveryStart() {
    server.serveResource("/a", PYTHON);
    Feed feed = subscribed("/a");
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      Await.until(WAIT, "a first poll", () -> server.requestCount("/a") >= 1);
    }
    long before = server.requestCount("/a");
    try (PollScheduler restarted = scheduler()) {
      restarted.start();
      assertThat(restarted.isWatching(feed.id())).isTrue();
      Await.until(WAIT, "a poll after the restart", () -> server.requestCount("/a") > before);
    }
  }

  @Test
  void twoSchedulersInOneJvmAreEachTheirOwn() {
    server.serveResource("/a", PYTHON);
    Feed feed = subscribed("/a");
    PollScheduler first = scheduler();
    try (PollScheduler second = scheduler()) {
      first.close();
      second.start();
      assertThat(second.isWatching(feed.id())).isTrue();
      Await.until(WAIT, "a poll by the second", () -> server.requestCount("/a") >= 1);
    }
  }

  @Test
  void aFeedPausedByItsPollIsNoLongerPolled() {
    server.respond("/gone", 410, "", Map.of());
    Feed feed = subscribed("/gone");
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      Await.until(
          WAIT,
          "the feed to be no longer watched",
          () -> server.requestCount("/gone") == 1 && !scheduler.isWatching(feed.id()));
      assertThat(feeds.find(feed.id()).orElseThrow().paused()).isTrue();
    }
  }

  @Test
  void aFeedNoChannelWantsAnyMoreIsNotFetchedAgain() {
    server.serveResource("/a", PYTHON);
    Feed feed = subscribed("/a");
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      Await.until(WAIT, "a first poll", () -> server.requestCount("/a") >= 1);
      // removed behind the scheduler's back, as another process sharing the database would
      subscriptions.forFeed(feed.id()).forEach(s -> subscriptions.delete(s.id()));
      long fetches = server.requestCount("/a");
      Await.until(WAIT, "the feed to be no longer watched", () -> !scheduler.isWatching(feed.id()));
      assertThat(server.requestCount("/a"))
          .as("at most the poll under way when the subscription went")
          .isLessThanOrEqualTo(fetches + 1);
    }
  }

  @Test
  void watchAddsAFeedAndItStopsOnlyOnceNoChannelWantsIt() throws InterruptedException {
    server.serveResource("/a", PYTHON);
    try (PollScheduler scheduler = scheduler()) {
      scheduler.start();
      Feed feed = subscribed("/a");
      scheduler.watch(feed);
      scheduler.watch(feed);
      Await.until(WAIT, "a poll of the new feed", () -> server.requestCount("/a") >= 1);
      assertThat(scheduler.isWatching(feed.id())).isTrue();
      subscriptions.forFeed(feed.id()).forEach(s -> subscriptions.delete(s.id()));
      assertThat(scheduler.isWatching(feed.id())).isFalse();
      long after = server.requestCount("/a");
      Thread.sleep(2500);
      assertThat(server.requestCount("/a")).isLessThanOrEqualTo(after + 1);
    }
  }
}
