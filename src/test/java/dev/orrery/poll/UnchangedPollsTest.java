package dev.orrery.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.store.Admission;
import dev.orrery.store.Database;
import dev.orrery.store.Dialect;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.StoreFixture;
import dev.orrery.testing.FeedServer;
import dev.orrery.testing.TestClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Unchanged polls written in batches: the rows lag until a batch is written, a crash before then
 * leaves each row as its poll before left it, and no later write of a feed is undone by its batch.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
class UnchangedPollsTest {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  static final Duration NEVER = Duration.ofHours(1);

  @Parameter Dialect dialect;
  @TempDir Path dir;
  Database db;
  FeedStore feeds;

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
    feeds = new FeedStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  Feed feed(String name) {
    Feed feed = feeds.findOrCreate("https://" + name + ".example/rss", T0);
    feeds.recordUnchanged(feed.id(), T0, T0, "\"v0\"", "Fri, 01 May 2026 09:00:00 GMT");
    return feed;
  }

  Feed row(Feed feed) {
    return feeds.find(feed.id()).orElseThrow();
  }

  @Test
  void pollsWaitUntilTheBatchIsFullThenAreWrittenTogether() {
    Feed a = feed("a");
    Feed b = feed("b");
    Feed c = feed("c");
    Instant polled = T0.plusSeconds(600);
    Instant next = T0.plusSeconds(1200);
    try (UnchangedPolls polls = new UnchangedPolls(feeds, 3, NEVER)) {
      polls.record(a.id(), polled, next, "\"v1\"", null);
      polls.record(b.id(), polled, next, null, null);
      // what a crash now would leave: the rows as the poll before wrote them, due again
      assertThat(row(a).nextPollAt()).isEqualTo(T0);
      assertThat(row(a).etag()).isEqualTo("\"v0\"");
      assertThat(row(b).lastPolledAt()).isEqualTo(T0);
      assertThat(polls.pendingNextPoll(a.id())).isEqualTo(next);

      polls.record(c.id(), polled, next, null, null);
      for (Feed feed : new Feed[] {a, b, c}) {
        assertThat(row(feed).nextPollAt()).isEqualTo(next);
        assertThat(row(feed).lastPolledAt()).isEqualTo(polled);
        assertThat(row(feed).lastSuccessAt()).isEqualTo(polled);
        assertThat(polls.pendingNextPoll(feed.id())).isNull();
      }
      assertThat(row(a).etag()).isEqualTo("\"v1\"");
      assertThat(row(b).etag()).as("no validator sent: the one stored stays").isEqualTo("\"v0\"");
    }
  }

  @Test
  void aBatchThatCannotBeWrittenStaysWaitingAndIsNotBlamedOnThePollThatFilledIt() {
    Feed a = feed("a");
    Feed b = feed("b");
    Instant next = T0.plusSeconds(1200);
    try (UnchangedPolls polls = new UnchangedPolls(feeds, 2, NEVER)) {
      polls.record(a.id(), T0.plusSeconds(600), next, "\"v1\"", null);
      db.close();

      assertThatCode(() -> polls.record(b.id(), T0.plusSeconds(600), next, null, null))
          .doesNotThrowAnyException();

      assertThat(polls.pendingNextPoll(a.id())).isEqualTo(next);
      assertThat(polls.pendingNextPoll(b.id())).isEqualTo(next);
    }
  }

  @Test
  void aFeedPolledTwiceWhileWaitingIsWrittenOnceWithTheNewestValidators() {
    Feed a = feed("a");
    try (UnchangedPolls polls = new UnchangedPolls(feeds, 100, NEVER)) {
      polls.record(a.id(), T0.plusSeconds(60), T0.plusSeconds(120), "\"v1\"", null);
      polls.record(
          a.id(), T0.plusSeconds(120), T0.plusSeconds(180), null, "Fri, 01 May 2026 10:01:00 GMT");
      polls.flush();
    }
    assertThat(row(a).lastPolledAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(row(a).nextPollAt()).isEqualTo(T0.plusSeconds(180));
    assertThat(row(a).etag()).isEqualTo("\"v1\"");
    assertThat(row(a).lastModified()).isEqualTo("Fri, 01 May 2026 10:01:00 GMT");
  }

  @Test
  void errorsAreClearedAsByAnUnchangedPollWrittenAlone() {
    Feed a = feed("a");
    feeds.recordFailure(a.id(), T0, "HTTP 503 Service Unavailable", T0);
    try (UnchangedPolls polls = new UnchangedPolls(feeds, 100, NEVER)) {
      polls.record(a.id(), T0.plusSeconds(60), T0.plusSeconds(120), null, null);
    }
    assertThat(row(a).errorCount()).isZero();
    assertThat(row(a).lastError()).isNull();
    assertThat(row(a).failingSince()).isNull();
  }

  @Test
  void aLonePollIsWrittenAfterTheDelay() throws InterruptedException {
    Feed a = feed("a");
    Instant next = T0.plusSeconds(1200);
    try (UnchangedPolls polls = new UnchangedPolls(feeds, 100, Duration.ofMillis(100))) {
      polls.record(a.id(), T0.plusSeconds(600), next, null, null);
      for (int i = 0; i < 200 && !next.equals(row(a).nextPollAt()); i++) {
        Thread.sleep(50);
      }
      assertThat(row(a).nextPollAt()).isEqualTo(next);
      assertThat(polls.pendingNextPoll(a.id())).isNull();
    }
  }

  @Test
  void aRefreshWritesTheFeedsWaitingPollFirstSoValidatorsNeverGoBack() throws IOException {
    TestClock clock = new TestClock(T0);
    byte[] body;
    try (InputStream in =
        getClass().getResourceAsStream("/fixtures/feeds/2025-07-06/planet-python.rss.xml")) {
      body = in.readAllBytes();
    }
    try (FeedServer server = new FeedServer();
        FeedFetcher fetcher =
            new FeedFetcher(
                new FetcherSettings("OrreryTest/1", Duration.ofSeconds(5), 1 << 20, true, 4));
        UnchangedPolls polls = new UnchangedPolls(feeds, 100, NEVER)) {
      FeedRefresher refresher =
          new FeedRefresher(
              fetcher,
              new FeedParser(),
              new EntryNormalizer(350),
              feeds,
              new EntryStore(db, 5, Admission.EVERYTHING, true),
              new PollSchedule(Duration.ofMinutes(10), Duration.ofMinutes(1), new Random(1)),
              new Catalogue(Map.of()),
              clock,
              polls);
      server.respond("/feed", 200, body, Map.of("ETag", "\"v1\""));
      Feed feed = feeds.findOrCreate(server.url("/feed").toString(), T0);
      assertThat(refresher.refresh(feed)).isInstanceOf(RefreshOutcome.Updated.class);
      Instant afterFirst = row(feed).nextPollAt();

      clock.advance(Duration.ofMinutes(10));
      assertThat(refresher.refresh(row(feed))).isInstanceOf(RefreshOutcome.Unchanged.class);
      Instant pending = polls.pendingNextPoll(feed.id());
      assertThat(pending).isAfter(afterFirst);
      assertThat(row(feed).nextPollAt()).as("not written yet").isEqualTo(afterFirst);
      assertThat(refresher.nextPollAt(feed.id()))
          .as("what the job reschedules by")
          .isEqualTo(pending);

      // the feed changes: the refresh that stores it writes the waiting poll before anything else
      clock.advance(Duration.ofMinutes(10));
      server.respond("/feed", 200, (new String(body) + " ").getBytes(), Map.of("ETag", "\"v2\""));
      assertThat(refresher.refresh(row(feed))).isInstanceOf(RefreshOutcome.Updated.class);
      polls.flush();
      assertThat(row(feed).etag()).isEqualTo("\"v2\"");
      assertThat(row(feed).lastPolledAt()).isEqualTo(clock.instant());
      assertThat(server.requests().get(2).ifNoneMatch()).isEqualTo("\"v1\"");
    }
  }
}
