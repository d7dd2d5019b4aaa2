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
import dev.orrery.testing.FeedServer;
import dev.orrery.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How often the refresher schedules each feed: its rhythm, its source, and what servers ask. */
class FeedRefresherPaceTest {
  @TempDir Path dir;
  FeedServer server;
  Database db;
  FeedStore feeds;
  EntryStore entries;
  FeedFetcher fetcher;
  TestClock clock = new TestClock(Instant.parse("2026-05-01T10:00:00Z"));
  Map<String, Config.Source> sources = new HashMap<>();

  @BeforeEach
  void setUp() {
    server = new FeedServer();
    db = Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 4));
    feeds = new FeedStore(db);
    entries = new EntryStore(db, 5, Admission.EVERYTHING, true);
    fetcher =
        new FeedFetcher(
            new FetcherSettings("OrreryTest/1", Duration.ofSeconds(5), 1 << 20, true, 4));
  }

  @AfterEach
  void tearDown() {
    fetcher.close();
    db.close();
    server.close();
  }

  /** Polls between 1 min and 1 h; 10 min for a feed without a rhythm. */
  final PollSchedule schedule =
      new PollSchedule(
          Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1), new Random(1));

  FeedRefresher refresher() {
    return new FeedRefresher(
        fetcher,
        new FeedParser(),
        new EntryNormalizer(350),
        feeds,
        entries,
        schedule,
        new Catalogue(sources),
        clock);
  }

  /** An RSS feed of {@code count} items {@code gap} apart, the newest {@code gap} ago. */
  String rss(Duration gap, int count, String extra) {
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      Instant published = clock.instant().minus(gap.multipliedBy(i));
      items
          .append("<item><title>Post ")
          .append(published)
          .append("</title><guid>")
          .append(published)
          .append("</guid><pubDate>")
          .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(published.atOffset(ZoneOffset.UTC)))
          .append("</pubDate></item>");
    }
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Paced</title>"
        + "<link>https://example.org/</link>"
        + extra
        + items
        + "</channel></rss>";
  }

  Feed feed(String path) {
    return feeds.findOrCreate(server.url(path).toString(), clock.instant());
  }

  Feed reload(Feed feed) {
    return feeds.find(feed.id()).orElseThrow();
  }

  Duration untilNextPoll(Feed feed) {
    return Duration.between(clock.instant(), reload(feed).nextPollAt());
  }

  @Test
  void anHourlyFeedIsPolledSoonerThanAMonthlyOne() {
    server.serve("/hourly", rss(Duration.ofHours(1), 10, "").getBytes(StandardCharsets.UTF_8));
    server.serve("/monthly", rss(Duration.ofDays(30), 10, "").getBytes(StandardCharsets.UTF_8));
    FeedRefresher refresher = refresher();
    Feed hourly = feed("/hourly");
    Feed monthly = feed("/monthly");
    refresher.refresh(hourly);
    refresher.refresh(monthly);

    assertThat(untilNextPoll(hourly)).isBetween(Duration.ofSeconds(648), Duration.ofSeconds(792));
    assertThat(untilNextPoll(monthly)).isBetween(Duration.ofMinutes(54), Duration.ofMinutes(66));
    assertThat(reload(hourly).pollInterval()).isEqualTo(Duration.ofMinutes(12));
    assertThat(reload(hourly).pollIntervalReason()).isEqualTo("posts about every 1 h");
    assertThat(reload(monthly).pollInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(reload(monthly).pollIntervalReason()).isEqualTo("posts about every 30 days");
  }

  @Test
  void theFeedsTtlIsRespectedAfterANotModifiedAnswer() {
    server.serve(
        "/feed", rss(Duration.ofHours(1), 10, "<ttl>180</ttl>").getBytes(StandardCharsets.UTF_8));
    FeedRefresher refresher = refresher();
    Feed feed = feed("/feed");
    refresher.refresh(feed);
    assertThat(reload(feed).ttl()).isEqualTo(Duration.ofHours(3));
    assertThat(untilNextPoll(feed)).isEqualTo(Duration.ofHours(3));

    clock.advance(Duration.ofHours(3));
    assertThat(refresher.refresh(reload(feed)))
        .isInstanceOfSatisfying(
            RefreshOutcome.Unchanged.class, u -> assertThat(u.notModified()).isTrue());
    assertThat(untilNextPoll(feed)).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void theFeedsTtlIsRespectedAfterTheSameBodyAgain() {
    server.respond(
        "/feed",
        200,
        rss(Duration.ofHours(1), 10, "<ttl>180</ttl>"),
        Map.of("Content-Type", "application/rss+xml"));
    FeedRefresher refresher = refresher();
    Feed feed = feed("/feed");
    refresher.refresh(feed);

    clock.advance(Duration.ofHours(3));
    assertThat(refresher.refresh(reload(feed)))
        .isInstanceOfSatisfying(
            RefreshOutcome.Unchanged.class, u -> assertThat(u.notModified()).isFalse());
    assertThat(untilNextPoll(feed)).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void anUnchangedFeedKeepsItsPaceUntilItHasBeenQuietForLong() {
    server.serve("/feed", rss(Duration.ofHours(1), 10, "").getBytes(StandardCharsets.UTF_8));
    FeedRefresher refresher = refresher();
    Feed feed = feed("/feed");
    refresher.refresh(feed);
    clock.advance(Duration.ofMinutes(30));
    server.serve("/feed", rss(Duration.ofMinutes(30), 1, "").getBytes(StandardCharsets.UTF_8));
    refresher.refresh(reload(feed));
    assertThat(reload(feed).lastNewAt()).isEqualTo(clock.instant());

    clock.advance(Duration.ofMinutes(15));
    refresher.refresh(reload(feed));
    assertThat(untilNextPoll(feed)).isLessThan(Duration.ofMinutes(20));

    clock.advance(Duration.ofDays(2));
    assertThat(refresher.refresh(reload(feed))).isInstanceOf(RefreshOutcome.Unchanged.class);
    assertThat(untilNextPoll(feed)).isBetween(Duration.ofMinutes(54), Duration.ofMinutes(66));
    // what /subscriptions and status show is the interval that poll used, and why
    Feed quiet = reload(feed);
    assertThat(
            schedule
                .rhythm()
                .atPoll(
                    quiet.pollInterval(),
                    quiet.pollIntervalReason(),
                    quiet.lastNewAt(),
                    quiet.lastPolledAt()))
        .isEqualTo(new PollRhythm.Pace(Duration.ofHours(1), "no new post for 2 days"));
  }

  @Test
  void anIntervalSetForTheSourceWinsOverTheRhythm() {
    server.serve("/feed", rss(Duration.ofDays(30), 10, "").getBytes(StandardCharsets.UTF_8));
    sources.put(
        "steady",
        new Config.Source("steady", server.url("/feed"), null, null, Duration.ofMinutes(20)));
    FeedRefresher refresher = refresher();
    Feed feed = feed("/feed");
    refresher.refresh(feed);
    assertThat(reload(feed).pollInterval()).isEqualTo(Duration.ofMinutes(20));
    assertThat(reload(feed).pollIntervalReason()).isEqualTo("set for this source");
    assertThat(untilNextPoll(feed)).isBetween(Duration.ofMinutes(18), Duration.ofMinutes(22));

    clock.advance(Duration.ofMinutes(20));
    assertThat(refresher.refresh(reload(feed))).isInstanceOf(RefreshOutcome.Unchanged.class);
    assertThat(untilNextPoll(feed)).isBetween(Duration.ofMinutes(18), Duration.ofMinutes(22));
  }

  @Test
  void whatTheServerAsksStillStretchesTheWait() {
    server.respond(
        "/feed",
        200,
        rss(Duration.ofHours(1), 10, ""),
        Map.of("Content-Type", "application/rss+xml", "Cache-Control", "max-age=7200"));
    FeedRefresher refresher = refresher();
    Feed feed = feed("/feed");
    refresher.refresh(feed);
    assertThat(untilNextPoll(feed)).isEqualTo(Duration.ofHours(2));

    clock.advance(Duration.ofHours(2));
    server.respond("/feed", 429, "slow down", Map.of("Retry-After", "10800"));
    assertThat(refresher.refresh(reload(feed))).isInstanceOf(RefreshOutcome.Deferred.class);
    assertThat(untilNextPoll(feed)).isEqualTo(Duration.ofHours(3));
  }
}
