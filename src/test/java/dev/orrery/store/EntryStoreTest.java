package dev.orrery.store;

import static dev.orrery.store.StoreFixture.T0;
import static dev.orrery.store.StoreFixture.entry;
import static dev.orrery.store.StoreFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.feed.NormalizedEntry;
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
class EntryStoreTest {
  @Parameter Dialect dialect;
  @TempDir Path dir;
  Database db;
  FeedStore feeds;
  EntryStore entries;
  SubscriptionStore subscriptions;
  DeliveryStore deliveries;
  Feed feed;

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
    feeds = new FeedStore(db);
    entries = new EntryStore(db, 5, Admission.EVERYTHING, true);
    subscriptions = new SubscriptionStore(db);
    deliveries = new DeliveryStore(db);
    feed = feeds.findOrCreate("https://example.org/rss", T0);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void theFirstRefreshIsABaselineThatDeliversNothing() {
    subscriptions.create(1, 10, feed.id(), null, null, T0);
    RefreshRecord record =
        entries.recordRefresh(
            feed.id(),
            update(T0.plusSeconds(600)),
            List.of(entry("b", T0.minusSeconds(10)), entry("a", T0.minusSeconds(20))),
            T0);
    assertThat(record.baseline()).isTrue();
    assertThat(record.inserted()).extracting(Entry::key).containsExactly("a", "b");
    assertThat(record.pending()).isZero();
    assertThat(deliveries.dueForDiscord(T0.plusSeconds(1), 100)).isEmpty();
    Feed after = feeds.find(feed.id()).orElseThrow();
    assertThat(after.neverPolled()).isFalse();
    assertThat(after.title()).isEqualTo("Example");
    assertThat(after.etag()).isEqualTo("\"etag\"");
    assertThat(after.nextPollAt()).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void aRefreshKeepsTheFeedsTtlAndTheIntervalChosenAndWhy() {
    entries.recordRefresh(
        feed.id(),
        new FeedUpdate(
            "Example",
            null,
            null,
            null,
            "hash",
            T0.plusSeconds(240),
            null,
            Duration.ofHours(3),
            Duration.ofMinutes(4),
            "posts about every 20 min"),
        List.of(entry("a", T0.minusSeconds(60))),
        T0);
    Feed after = feeds.find(feed.id()).orElseThrow();
    assertThat(after.ttl()).isEqualTo(Duration.ofHours(3));
    assertThat(after.pollInterval()).isEqualTo(Duration.ofMinutes(4));
    assertThat(after.pollIntervalReason()).isEqualTo("posts about every 20 min");

    entries.recordRefresh(feed.id(), update(T0.plusSeconds(600)), List.of(), T0.plusSeconds(300));
    Feed cleared = feeds.find(feed.id()).orElseThrow();
    assertThat(cleared.ttl()).as("the feed dropped its <ttl>").isNull();
    assertThat(cleared.pollInterval()).isNull();
    assertThat(cleared.pollIntervalReason()).isNull();
  }

  @Test
  void newEntriesAfterTheBaselineAreQueuedOncePerSubscriptionOldestFirst() {
    entries.recordRefresh(feed.id(), update(T0), List.of(entry("a", T0.minusSeconds(60))), T0);
    subscriptions.create(1, 10, feed.id(), null, null, T0.plusSeconds(1));
    subscriptions.create(1, 11, feed.id(), null, null, T0.plusSeconds(1));
    Instant now = T0.plusSeconds(600);
    RefreshRecord record =
        entries.recordRefresh(
            feed.id(),
            update(now),
            List.of(
                entry("c", T0.plusSeconds(300)),
                entry("b", T0.plusSeconds(200)),
                entry("a", T0.minusSeconds(60))),
            now);
    assertThat(record.baseline()).isFalse();
    assertThat(record.inserted()).extracting(Entry::key).containsExactly("b", "c");
    assertThat(record.pending()).isEqualTo(4);
    List<Delivery> due = deliveries.dueForChannel(10, now, 100);
    assertThat(due).extracting(d -> d.entry().key()).containsExactly("b", "c");
    assertThat(deliveries.dueForDiscord(now, 100)).hasSize(4);
    assertThat(feeds.find(feed.id()).orElseThrow().lastNewAt()).isEqualTo(now);
  }

  @Test
  void aKnownKeyIsNeverNewAgainWhateverItsTitleOrDate() {
    subscriptions.create(1, 10, feed.id(), null, null, T0.minusSeconds(1));
    entries.recordRefresh(feed.id(), update(T0), List.of(entry("a", T0)), T0);
    NormalizedEntry redated =
        new NormalizedEntry(
            "a",
            "A new title",
            "https://example.org/a2",
            null,
            "x",
            null,
            T0.plusSeconds(86_400 * 30),
            "a",
            List.of());
    Instant weeksLater = T0.plusSeconds(86_400 * 40);
    RefreshRecord record =
        entries.recordRefresh(feed.id(), update(weeksLater), List.of(redated), weeksLater);
    assertThat(record.inserted()).isEmpty();
    assertThat(deliveries.dueForDiscord(weeksLater, 100)).isEmpty();
    assertThat(entries.latest(feed.id(), 5))
        .singleElement()
        .satisfies(e -> assertThat(e.title()).isEqualTo("Title a"));
  }

  @Test
  void aSubscriptionMadeAfterDiscoveryGetsNoDeliveryForIt() {
    entries.recordRefresh(feed.id(), update(T0), List.of(entry("a", T0)), T0);
    Instant now = T0.plusSeconds(600);
    // subscribed "in the future" of this refresh: the entry existed before it did
    subscriptions.create(1, 10, feed.id(), null, null, now.plusSeconds(1));
    RefreshRecord record =
        entries.recordRefresh(feed.id(), update(now), List.of(entry("b", now)), now);
    assertThat(record.inserted()).hasSize(1);
    assertThat(record.pending()).isZero();
  }

  @Test
  void aBurstIsCappedToTheNewestAndTheLastCarriesTheCountOfTheRest() {
    entries.recordRefresh(feed.id(), update(T0), List.of(), T0);
    subscriptions.create(1, 10, feed.id(), null, null, T0);
    List<NormalizedEntry> burst = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      burst.add(entry("e" + i, T0.plusSeconds(i)));
    }
    Instant now = T0.plusSeconds(600);
    RefreshRecord record = entries.recordRefresh(feed.id(), update(now), burst, now);
    assertThat(record.pending()).isEqualTo(5);
    assertThat(record.skipped()).isEqualTo(7);
    List<Delivery> due = deliveries.dueForChannel(10, now, 100);
    assertThat(due)
        .extracting(d -> d.entry().key())
        .containsExactly("e7", "e8", "e9", "e10", "e11");
    assertThat(due).extracting(Delivery::moreCount).containsExactly(0, 0, 0, 0, 7);
    assertThat(deliveries.count("skipped")).isEqualTo(7);
  }

  @Test
  void entriesSharingATimestampKeepTheFeedsOrder() {
    entries.recordRefresh(feed.id(), update(T0), List.of(), T0);
    subscriptions.create(1, 10, feed.id(), null, null, T0);
    Instant same = T0.plusSeconds(100);
    Instant now = T0.plusSeconds(600);
    // a feed lists newest first: "third" was published after "second" although the dates tie
    entries.recordRefresh(
        feed.id(),
        update(now),
        List.of(entry("third", same), entry("second", same), entry("first", same)),
        now);
    assertThat(deliveries.dueForChannel(10, now, 10))
        .extracting(d -> d.entry().key())
        .containsExactly("first", "second", "third");
  }

  @Test
  void aKeyRepeatedInOneFeedIsStoredOnce() {
    RefreshRecord record =
        entries.recordRefresh(
            feed.id(), update(T0), List.of(entry("a", T0), entry("a", T0.plusSeconds(5))), T0);
    assertThat(record.inserted()).hasSize(1);
    assertThat(entries.count(feed.id())).isEqualTo(1);
  }

  @Test
  void theSameKeyMayExistInTwoFeeds() {
    Feed other = feeds.findOrCreate("https://other.example/rss", T0);
    entries.recordRefresh(feed.id(), update(T0), List.of(entry("a", T0)), T0);
    entries.recordRefresh(other.id(), update(T0), List.of(entry("a", T0)), T0);
    assertThat(entries.count(feed.id())).isEqualTo(1);
    assertThat(entries.count(other.id())).isEqualTo(1);
  }

  @Test
  void latestReadsNewestFirstPerFeedAndPerChannel() {
    Feed other = feeds.findOrCreate("https://other.example/rss", T0);
    entries.recordRefresh(
        feed.id(), update(T0), List.of(entry("a1", T0), entry("a2", T0.plusSeconds(2))), T0);
    entries.recordRefresh(other.id(), update(T0), List.of(entry("b1", T0.plusSeconds(1))), T0);
    subscriptions.create(1, 10, feed.id(), null, null, T0);
    subscriptions.create(1, 10, other.id(), null, null, T0);
    assertThat(entries.latest(feed.id(), 1)).extracting(Entry::key).containsExactly("a2");
    assertThat(entries.latestForChannel(10, 3))
        .extracting(Entry::key)
        .containsExactly("a2", "b1", "a1");
    assertThat(entries.latestForChannel(99, 3)).isEmpty();
  }

  @Test
  void deletingASubscriptionDropsItsWaitingDeliveriesButKeepsEntries() {
    entries.recordRefresh(feed.id(), update(T0), List.of(), T0);
    Subscription s = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    Instant now = T0.plusSeconds(60);
    entries.recordRefresh(feed.id(), update(now), List.of(entry("a", now)), now);
    assertThat(deliveries.count("pending")).isEqualTo(1);
    assertThat(subscriptions.delete(s.id())).isTrue();
    assertThat(deliveries.count("pending")).isZero();
    assertThat(entries.count(feed.id())).isEqualTo(1);
  }

  @Test
  void aPausedSubscriptionGetsNoNewDeliveries() {
    entries.recordRefresh(feed.id(), update(T0), List.of(), T0);
    Subscription s = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    subscriptions.pause(s.id(), "Missing Access");
    Instant now = T0.plusSeconds(60);
    RefreshRecord record =
        entries.recordRefresh(feed.id(), update(now), List.of(entry("a", now)), now);
    assertThat(record.pending()).isZero();
  }
}
