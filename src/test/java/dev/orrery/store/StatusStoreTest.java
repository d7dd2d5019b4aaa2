package dev.orrery.store;

import static dev.orrery.store.StoreFixture.T0;
import static dev.orrery.store.StoreFixture.entry;
import static dev.orrery.store.StoreFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
class StatusStoreTest {
  @Parameter Dialect dialect;
  @TempDir Path dir;
  Database db;

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void eachWantedFeedWithItsChannelsAndOnlyTheDeliveriesStillWaiting() {
    FeedStore feeds = new FeedStore(db);
    EntryStore entries = new EntryStore(db, 5, Admission.EVERYTHING, true);
    SubscriptionStore subscriptions = new SubscriptionStore(db);
    DeliveryStore deliveries = new DeliveryStore(db);
    Feed watched = feeds.findOrCreate("https://example.org/rss", T0);
    feeds.findOrCreate("https://example.org/unsubscribed", T0);
    Feed console = feeds.findOrCreate("https://example.org/console", T0);
    entries.recordRefresh(
        watched.id(),
        update(T0),
        List.of(
            entry("a", T0.minusSeconds(30)),
            entry("b", T0.minusSeconds(20)),
            entry("c", T0.minusSeconds(10))),
        T0);
    Subscription waiting = subscriptions.create(1, 10, watched.id(), null, null, T0).get();
    Subscription done = subscriptions.create(1, 11, watched.id(), null, null, T0).get();
    subscriptions.pause(done.id(), "missing access");
    subscriptions.create(0, Subscription.CONSOLE_CHANNEL, console.id(), null, null, T0);
    feeds.pause(console.id(), "gone", T0);
    deliveries.backfill(waiting, 3, T0);
    // older than the waiting ones, but posted or held for a digest: not pending
    subscriptions.resume(done.id());
    deliveries.backfill(done, 3, T0.minusSeconds(60));
    List<Delivery> earlier = deliveries.dueForChannel(11, T0, 10);
    assertThat(earlier).hasSize(3);
    deliveries.markSent(earlier.get(0).deliveryId(), 5L, T0);
    deliveries.markSent(earlier.get(1).deliveryId(), 6L, T0);
    db.withConnection(
        "hold a delivery for a digest",
        c -> {
          try (var hold = c.prepareStatement("UPDATE deliveries SET state = 'held' WHERE id = ?")) {
            hold.setLong(1, earlier.get(2).deliveryId());
            return hold.executeUpdate();
          }
        });
    subscriptions.pause(done.id(), "missing access");

    List<FeedStatus> status = new StatusStore(db).watchedFeeds();

    assertThat(status)
        .extracting(s -> s.feed().url())
        .containsExactly("https://example.org/rss", "https://example.org/console");
    FeedStatus first = status.get(0);
    assertThat(first.subscriptionCount()).isEqualTo(2);
    assertThat(first.channels())
        .containsExactly(
            new FeedStatus.Channel(1, 10, null), new FeedStatus.Channel(1, 11, "missing access"));
    assertThat(first.pending()).isEqualTo(3);
    assertThat(first.oldestPending()).isEqualTo(T0);
    FeedStatus second = status.get(1);
    assertThat(second.feed().paused()).isTrue();
    assertThat(second.subscriptionCount()).isEqualTo(1);
    assertThat(second.channels()).singleElement().matches(FeedStatus.Channel::console);
    assertThat(second.pending()).isZero();
    assertThat(second.oldestPending()).isNull();
  }
}
