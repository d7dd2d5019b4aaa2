package dev.orrery.store;

import static dev.orrery.store.StoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class FeedStoreTest {
  @Parameter Dialect dialect;
  @TempDir Path dir;
  Database db;
  FeedStore feeds;
  SubscriptionStore subscriptions;

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
    feeds = new FeedStore(db);
    subscriptions = new SubscriptionStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void findOrCreateReturnsTheSameFeedForTheSameUrl() {
    Feed first = feeds.findOrCreate("https://example.org/rss", T0);
    Feed second = feeds.findOrCreate("https://example.org/rss", T0.plusSeconds(60));
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.createdAt()).isEqualTo(T0);
    assertThat(first.neverPolled()).isTrue();
    assertThat(first.nextPollAt()).isEqualTo(T0);
    assertThat(feeds.find(first.id())).contains(first);
  }

  @Test
  void watchedFeedsAreThoseWithASubscriptionThatAreNotPaused() {
    Feed wanted = feeds.findOrCreate("https://a.example/rss", T0);
    Feed unwanted = feeds.findOrCreate("https://b.example/rss", T0);
    Feed paused = feeds.findOrCreate("https://c.example/rss", T0);
    subscriptions.create(1, 10, wanted.id(), null, null, T0);
    subscriptions.create(1, 10, paused.id(), null, null, T0);
    assertThat(feeds.pause(paused.id(), "HTTP 410 Gone", T0)).isTrue();
    assertThat(feeds.watched()).extracting(Feed::id).containsExactly(wanted.id());
    assertThat(unwanted.id()).isNotEqualTo(wanted.id());
  }

  @Test
  void eachDueWatchedFeedIsInExactlyOnePartitionLongestDueFirst() {
    List<Long> due = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Feed feed = feeds.findOrCreate("https://" + i + ".example/rss", T0.minusSeconds(i));
      subscriptions.create(1, 10, feed.id(), null, null, T0);
      due.add(feed.id());
    }
    Feed later = feeds.findOrCreate("https://later.example/rss", T0.plusSeconds(1));
    subscriptions.create(1, 10, later.id(), null, null, T0);
    Feed paused = feeds.findOrCreate("https://paused.example/rss", T0);
    subscriptions.create(1, 10, paused.id(), null, null, T0);
    feeds.pause(paused.id(), "HTTP 410 Gone", T0);
    feeds.findOrCreate("https://unwanted.example/rss", T0);
    Feed console = feeds.findOrCreate("https://console.example/rss", T0);
    subscriptions.create(0, Subscription.CONSOLE_CHANNEL, console.id(), null, null, T0);

    List<Long> found = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      List<Feed> partition = feeds.dueInPartition(p, 3, T0, 100);
      for (Feed feed : partition) {
        assertThat(feed.id() % 3).isEqualTo(p);
      }
      assertThat(partition).extracting(Feed::nextPollAt).isSortedAccordingTo(Instant::compareTo);
      partition.forEach(feed -> found.add(feed.id()));
    }
    assertThat(found).containsExactlyInAnyOrderElementsOf(due);
    assertThat(feeds.dueInPartition(0, 1, T0, 2))
        .extracting(Feed::id)
        .containsExactly(due.get(6), due.get(5));
  }

  @Test
  void theDueWatchedFeedsComeLongestDueFirstAndTheNextDueTimeIsKnown() {
    List<Long> due = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Feed feed = feeds.findOrCreate("https://" + i + ".example/rss", T0.minusSeconds(i));
      subscriptions.create(1, 10, feed.id(), null, null, T0);
      due.add(0, feed.id());
    }
    Feed later = feeds.findOrCreate("https://later.example/rss", T0.plusSeconds(30));
    subscriptions.create(1, 10, later.id(), null, null, T0);
    Feed paused = feeds.findOrCreate("https://paused.example/rss", T0.minusSeconds(60));
    subscriptions.create(1, 10, paused.id(), null, null, T0);
    feeds.pause(paused.id(), "HTTP 410 Gone", T0);
    feeds.findOrCreate("https://unwanted.example/rss", T0.minusSeconds(60));
    Feed console = feeds.findOrCreate("https://console.example/rss", T0.minusSeconds(60));
    subscriptions.create(0, Subscription.CONSOLE_CHANNEL, console.id(), null, null, T0);

    assertThat(feeds.due(T0, false, null, 100)).extracting(Feed::id).containsExactlyElementsOf(due);
    List<Feed> first = feeds.due(T0, false, null, 2);
    assertThat(first).extracting(Feed::id).containsExactly(due.get(0), due.get(1));
    assertThat(feeds.due(T0, false, first.get(1), 100))
        .extracting(Feed::id)
        .containsExactly(due.get(2), due.get(3));
    assertThat(feeds.due(T0, true, null, 1)).extracting(Feed::id).containsExactly(console.id());
    assertThat(feeds.firstDue(false)).contains(T0.minusSeconds(3));
    assertThat(feeds.firstDue(true)).contains(T0.minusSeconds(60));

    due.forEach(id -> feeds.reschedule(id, T0, T0.plusSeconds(60), "polled"));
    assertThat(feeds.due(T0, false, null, 100)).isEmpty();
    assertThat(feeds.firstDue(false)).contains(T0.plusSeconds(30));
    subscriptions.forFeed(later.id()).forEach(s -> subscriptions.delete(s.id()));
    assertThat(feeds.firstDue(false)).contains(T0.plusSeconds(60));
  }

  @Test
  void failuresCountUpAndRememberWhenTheyStarted() {
    Feed feed = feeds.findOrCreate("https://a.example/rss", T0);
    Instant later = T0.plus(Duration.ofHours(1));
    feeds.recordFailure(feed.id(), T0, "HTTP 500 Internal Server Error", T0.plusSeconds(60));
    Feed after =
        feeds.recordFailure(feed.id(), later, "timed out after 20 s", later.plusSeconds(120));
    assertThat(after.errorCount()).isEqualTo(2);
    assertThat(after.lastError()).isEqualTo("timed out after 20 s");
    assertThat(after.failingSince()).isEqualTo(T0);
    assertThat(after.nextPollAt()).isEqualTo(later.plusSeconds(120));
  }

  @Test
  void anUnchangedPollClearsErrorsAndKeepsValidatorsNotSentAgain() {
    Feed feed = feeds.findOrCreate("https://a.example/rss", T0);
    new EntryStore(db, 5, Admission.EVERYTHING, true)
        .recordRefresh(feed.id(), StoreFixture.update(T0), java.util.List.of(), T0);
    feeds.recordFailure(feed.id(), T0, "HTTP 503 Service Unavailable", T0);
    feeds.recordUnchanged(
        feed.id(),
        T0.plusSeconds(600),
        T0.plusSeconds(1200),
        null,
        "Fri, 01 May 2026 10:00:00 GMT");
    Feed after = feeds.find(feed.id()).orElseThrow();
    assertThat(after.errorCount()).isZero();
    assertThat(after.lastError()).isNull();
    assertThat(after.failingSince()).isNull();
    assertThat(after.etag()).isEqualTo("\"etag\"");
    assertThat(after.lastModified()).isEqualTo("Fri, 01 May 2026 10:00:00 GMT");
    assertThat(after.lastSuccessAt()).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void pauseHappensOnceAndResumeStartsAfresh() {
    Feed feed = feeds.findOrCreate("https://a.example/rss", T0);
    feeds.recordFailure(feed.id(), T0, "HTTP 404 Not Found", T0);
    assertThat(feeds.pause(feed.id(), "failing for 3 days: HTTP 404 Not Found", T0)).isTrue();
    assertThat(feeds.pause(feed.id(), "again", T0)).isFalse();
    assertThat(feeds.find(feed.id()).orElseThrow().pausedReason()).startsWith("failing for 3 days");
    feeds.resume(feed.id(), T0.plusSeconds(5));
    Feed resumed = feeds.find(feed.id()).orElseThrow();
    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.errorCount()).isZero();
    assertThat(resumed.nextPollAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void aMovedFeedIsFetchedFromItsNewAddressAndStillFoundByItsOwn() {
    Feed a = feeds.findOrCreate("http://old.example/rss", T0);
    assertThat(a.location()).isEqualTo("http://old.example/rss");
    feeds.moveTo(a.id(), "https://new.example/rss");
    Feed moved = feeds.findByUrl("http://old.example/rss").orElseThrow();
    assertThat(moved.id()).isEqualTo(a.id());
    assertThat(moved.location()).isEqualTo("https://new.example/rss");
    assertThat(feeds.findOrCreate("http://old.example/rss", T0).id()).isEqualTo(a.id());
    feeds.moveTo(a.id(), "http://old.example/rss");
    assertThat(feeds.find(a.id()).orElseThrow().fetchUrl()).isNull();
  }

  @Test
  void rescheduleMovesOnlyTheNextPollAndNote() {
    Feed feed = feeds.findOrCreate("https://a.example/rss", T0);
    feeds.reschedule(
        feed.id(), T0, T0.plusSeconds(3600), "HTTP 429 Too Many Requests: retrying in 1h");
    Feed after = feeds.find(feed.id()).orElseThrow();
    assertThat(after.nextPollAt()).isEqualTo(T0.plusSeconds(3600));
    assertThat(after.errorCount()).isZero();
    assertThat(after.lastError()).contains("429");
  }
}
