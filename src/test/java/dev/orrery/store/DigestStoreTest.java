package dev.orrery.store;

import static dev.orrery.store.StoreFixture.EVERY_SHARD;
import static dev.orrery.store.StoreFixture.NODE;
import static dev.orrery.store.StoreFixture.T0;
import static dev.orrery.store.StoreFixture.entry;
import static dev.orrery.store.StoreFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.feed.NormalizedEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class DigestStoreTest {
  @Parameter Dialect dialect;
  static final Instant DUE = T0.plusSeconds(3600);

  @TempDir Path dir;
  Database db;
  EntryStore entries;
  SubscriptionStore subscriptions;
  DeliveryStore deliveries;
  DigestStore digests;
  Feed feed;
  Subscription subscription;

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
    FeedStore feeds = new FeedStore(db);
    entries = new EntryStore(db, 5, Admission.EVERYTHING, false);
    subscriptions = new SubscriptionStore(db);
    deliveries = new DeliveryStore(db);
    digests = new DigestStore(db);
    feed = feeds.findOrCreate("https://example.org/rss", T0);
    // the baseline: entries that existed before anyone subscribed are never posted
    entries.recordRefresh(feed.id(), update(T0), List.of(entry("old", T0.minusSeconds(99))), T0);
    subscription = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    subscriptions.setDigest(
        subscription.id(),
        new DigestSchedule(
            DigestSchedule.Every.DAILY, LocalTime.of(9, 0), ZoneId.of("Europe/Paris"), T0));
  }

  @AfterEach
  void close() {
    db.close();
  }

  void discover(Instant at, String... keys) {
    List<NormalizedEntry> found =
        Arrays.stream(keys).map(k -> entry(k, at.minusSeconds(keys.length))).toList();
    entries.recordRefresh(feed.id(), update(at), found, at);
  }

  @Test
  void closingAPeriodMakesOneDigestOfTheEntriesHeldForIt() {
    discover(T0.plusSeconds(60), "a", "b", "c");
    assertThat(deliveries.count("held")).isEqualTo(3);
    assertThat(deliveries.count("pending")).isZero();

    Closure closed = digests.close(subscription.id(), DUE, DUE.plusSeconds(1));

    assertThat(closed).isInstanceOf(Closure.Made.class);
    Closure.Made made = (Closure.Made) closed;
    assertThat(made.entries()).isEqualTo(3);
    assertThat(digests.forSubscription(subscription.id()))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.id()).isEqualTo(made.digestId());
              assertThat(d.dueAt()).isEqualTo(DUE);
              assertThat(d.state()).isEqualTo("pending");
            });
    assertThat(digests.entries(made.digestId()))
        .extracting(Entry::key)
        .containsExactlyInAnyOrder("a", "b", "c");
    assertThat(subscriptions.find(subscription.id()).orElseThrow().digest().lastDue())
        .isEqualTo(DUE);
    // held until the digest is posted: never posted one by one
    assertThat(deliveries.count("held")).isEqualTo(3);
    assertThat(deliveries.nextPerChannel(DUE.plusSeconds(5), NODE, EVERY_SHARD, 10)).isEmpty();
  }

  @Test
  void closingThePeriodTwiceIsClosingItOnce() {
    discover(T0.plusSeconds(60), "a");
    assertThat(digests.close(subscription.id(), DUE, DUE)).isInstanceOf(Closure.Made.class);
    discover(T0.plusSeconds(120), "late");

    assertThat(digests.close(subscription.id(), DUE, DUE.plusSeconds(1)))
        .isInstanceOf(Closure.NothingDue.class);
    assertThat(digests.close(subscription.id(), DUE.minusSeconds(60), DUE.plusSeconds(1)))
        .as("a period ending before one already closed")
        .isInstanceOf(Closure.NothingDue.class);
    assertThat(digests.forSubscription(subscription.id())).hasSize(1);
  }

  @Test
  void anEmptyPeriodMakesNoDigestAndStillMovesOn() {
    Closure closed = digests.close(subscription.id(), DUE, DUE);

    assertThat(closed).isInstanceOf(Closure.Empty.class);
    assertThat(digests.forSubscription(subscription.id())).isEmpty();
    assertThat(digests.nextPerChannel(DUE.plusSeconds(86_400), NODE, EVERY_SHARD, 10)).isEmpty();
    assertThat(subscriptions.find(subscription.id()).orElseThrow().digest().lastDue())
        .isEqualTo(DUE);
  }

  @Test
  void entriesDiscoveredAtOrAfterTheDueTimeWaitForTheNextPeriod() {
    discover(DUE.minusSeconds(1), "before");
    discover(DUE, "at");
    discover(DUE.plusSeconds(30), "after");

    Closure.Made first = (Closure.Made) digests.close(subscription.id(), DUE, DUE.plusSeconds(60));
    Instant nextDue = DUE.plusSeconds(86_400);
    Closure.Made second =
        (Closure.Made) digests.close(subscription.id(), nextDue, nextDue.plusSeconds(1));

    assertThat(digests.entries(first.digestId())).extracting(Entry::key).containsExactly("before");
    assertThat(digests.entries(second.digestId()))
        .extracting(Entry::key)
        .containsExactly("at", "after");
  }

  @Test
  void aDigestListsItsEntriesOldestFirstWhateverOrderTheyWereFoundIn() {
    entries.recordRefresh(
        feed.id(), update(T0), List.of(entry("newest", T0.minusSeconds(10))), T0.plusSeconds(60));
    entries.recordRefresh(
        feed.id(), update(T0), List.of(entry("oldest", T0.minusSeconds(30))), T0.plusSeconds(70));
    entries.recordRefresh(
        feed.id(), update(T0), List.of(entry("middle", T0.minusSeconds(20))), T0.plusSeconds(80));
    Closure.Made made = (Closure.Made) digests.close(subscription.id(), DUE, DUE);

    assertThat(digests.entries(made.digestId()))
        .extracting(Entry::key)
        .containsExactly("oldest", "middle", "newest");
  }

  @Test
  void stoppingTheDigestSendsEverythingHeldInOneLastDigestThenPostsOneByOne() {
    discover(T0.plusSeconds(60), "a");
    digests.close(subscription.id(), DUE, DUE);
    discover(DUE.plusSeconds(60), "b", "c");

    Closure last = digests.closeAndStop(subscription.id(), DUE.plusSeconds(120));

    assertThat(last).isInstanceOf(Closure.Made.class);
    assertThat(digests.entries(((Closure.Made) last).digestId()))
        .extracting(Entry::key)
        .containsExactlyInAnyOrder("b", "c");
    assertThat(subscriptions.find(subscription.id()).orElseThrow().digest()).isNull();
    assertThat(digests.closeAndStop(subscription.id(), DUE.plusSeconds(180)))
        .as("a subscription without a digest")
        .isInstanceOf(Closure.NothingDue.class);
    discover(DUE.plusSeconds(240), "d");
    assertThat(deliveries.count("pending")).isEqualTo(1);
  }

  @Test
  void theOldestPendingDigestOfEachChannelIsDueFirst() {
    discover(T0.plusSeconds(60), "a");
    Closure.Made first = (Closure.Made) digests.close(subscription.id(), DUE, DUE);
    discover(DUE.plusSeconds(60), "b");
    Instant nextDue = DUE.plusSeconds(86_400);
    Closure.Made second = (Closure.Made) digests.close(subscription.id(), nextDue, nextDue);

    assertThat(digests.nextPerChannel(nextDue, NODE, EVERY_SHARD, 10))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.digestId()).isEqualTo(first.digestId());
              assertThat(d.feed().id()).isEqualTo(feed.id());
              assertThat(d.subscription().channelId()).isEqualTo(10);
            });
    digests.retryLater(first.digestId(), "Discord error 500", nextDue.plusSeconds(30));
    assertThat(digests.nextPerChannel(nextDue, NODE, EVERY_SHARD, 10))
        .as("a channel whose oldest digest waits for a retry sends nothing before it")
        .isEmpty();
    assertThat(digests.claim(first.digestId(), NODE, nextDue.plusSeconds(30))).isTrue();
    assertThat(digests.nextPerChannel(nextDue.plusSeconds(30), NODE, EVERY_SHARD, 10))
        .singleElement()
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));

    digests.markSent(first.digestId(), 500L, Map.of(), nextDue.plusSeconds(31));
    assertThat(digests.nextPerChannel(nextDue.plusSeconds(31), NODE, EVERY_SHARD, 10))
        .extracting(PendingDigest::digestId)
        .containsExactly(second.digestId());
  }

  @Test
  void sentMarksEveryDeliveryOfTheDigestWithTheMessageThatListsIt() {
    discover(T0.plusSeconds(60), "a", "b");
    Closure.Made made = (Closure.Made) digests.close(subscription.id(), DUE, DUE);
    List<Entry> listed = digests.entries(made.digestId());

    digests.markSent(made.digestId(), 700L, Map.of(listed.get(1).id(), 701L), DUE.plusSeconds(5));

    assertThat(digests.forSubscription(subscription.id()))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.state()).isEqualTo("sent");
              assertThat(d.messageId()).isEqualTo(700L);
            });
    assertThat(deliveries.count("sent")).isEqualTo(2);
    assertThat(deliveries.count("held")).isZero();
    assertThat(messageOf(listed.get(0))).isEqualTo(700L);
    assertThat(messageOf(listed.get(1))).isEqualTo(701L);
  }

  @Test
  void aDigestDiscordRefusesIsFailedWithTheReasonAndSoAreItsDeliveries() {
    discover(T0.plusSeconds(60), "a", "b");
    Closure.Made made = (Closure.Made) digests.close(subscription.id(), DUE, DUE);

    digests.markFailed(made.digestId(), "50035 Invalid Form Body");

    assertThat(digests.forSubscription(subscription.id()))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.state()).isEqualTo("failed");
              assertThat(d.lastError()).isEqualTo("50035 Invalid Form Body");
            });
    assertThat(deliveries.count("failed")).isEqualTo(2);
    assertThat(digests.nextPerChannel(DUE.plusSeconds(86_400), NODE, EVERY_SHARD, 10)).isEmpty();
  }

  long messageOf(Entry entry) {
    return db.withConnection(
        "read a message id",
        c ->
            Sql.one(
                    c,
                    "SELECT message_id FROM deliveries WHERE entry_id = ?",
                    rs -> rs.getLong(1),
                    entry.id())
                .orElseThrow());
  }
}
