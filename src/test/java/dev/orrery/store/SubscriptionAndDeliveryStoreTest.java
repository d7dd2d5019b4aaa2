package dev.orrery.store;

import static dev.orrery.store.StoreFixture.EVERY_SHARD;
import static dev.orrery.store.StoreFixture.NODE;
import static dev.orrery.store.StoreFixture.T0;
import static dev.orrery.store.StoreFixture.entry;
import static dev.orrery.store.StoreFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
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
class SubscriptionAndDeliveryStoreTest {
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
    entries.recordRefresh(
        feed.id(),
        update(T0),
        List.of(
            entry("a", T0.minusSeconds(30)),
            entry("b", T0.minusSeconds(20)),
            entry("c", T0.minusSeconds(10))),
        T0);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void subscribingTwiceChangesNothing() {
    Subscription first = subscriptions.create(1, 10, feed.id(), 77L, 5L, T0).orElseThrow();
    assertThat(subscriptions.create(1, 10, feed.id(), null, 6L, T0.plusSeconds(5))).isEmpty();
    assertThat(subscriptions.forChannel(10)).containsExactly(first);
    assertThat(first.mentionRoleId()).isEqualTo(77L);
    assertThat(first.createdBy()).isEqualTo(5L);
  }

  @Test
  void aSubscriptionStartsWithAllItsSettingsAtOnce() {
    DigestSchedule weekly =
        new DigestSchedule(
            DigestSchedule.Every.WEEKLY, LocalTime.of(9, 30), ZoneId.of("Europe/Paris"), T0);
    Subscription.Settings settings =
        new Subscription.Settings(
            "python -django",
            "{{title}}",
            false,
            new Subscription.Appearance("Snakes", "https://example.org/a.png"),
            weekly);
    Subscription created =
        subscriptions.create(1, 10, feed.id(), null, settings, 5L, T0).orElseThrow();
    assertThat(created.settings()).isEqualTo(settings);
    assertThat(subscriptions.find(created.id()).orElseThrow().settings()).isEqualTo(settings);
    assertThat(subscriptions.create(1, 10, feed.id(), null, Subscription.Settings.DEFAULT, 5L, T0))
        .isEmpty();
    assertThat(subscriptions.find(created.id()).orElseThrow().settings()).isEqualTo(settings);
    Subscription plain =
        subscriptions
            .create(1, 11, feed.id(), null, Subscription.Settings.DEFAULT, 5L, T0)
            .orElseThrow();
    assertThat(plain.settings()).isEqualTo(Subscription.Settings.DEFAULT);
  }

  @Test
  void everySubscriptionIsListedByChannelExceptTheConsoles() {
    Feed other = feeds.findOrCreate("https://other.example/rss", T0);
    subscriptions.create(2, 20, other.id(), null, null, T0);
    subscriptions.create(1, 10, feed.id(), null, null, T0);
    subscriptions.create(0, Subscription.CONSOLE_CHANNEL, feed.id(), null, null, T0);
    assertThat(subscriptions.all()).extracting(Subscription::channelId).containsExactly(10L, 20L);
  }

  @Test
  void listsByGuildChannelAndFeed() {
    Feed other = feeds.findOrCreate("https://other.example/rss", T0);
    subscriptions.create(1, 10, feed.id(), null, null, T0);
    subscriptions.create(1, 11, feed.id(), null, null, T0);
    subscriptions.create(2, 20, other.id(), null, null, T0);
    assertThat(subscriptions.forGuild(1))
        .extracting(Subscription::channelId)
        .containsExactly(10L, 11L);
    assertThat(subscriptions.forFeed(other.id()))
        .extracting(Subscription::guildId)
        .containsExactly(2L);
    assertThat(subscriptions.find(20, other.id())).isPresent();
    assertThat(subscriptions.find(20, feed.id())).isEmpty();
  }

  @Test
  void aTemplateIsStoredWithItsEmbedFlagAndABlankOneMeansTheDefault() {
    Subscription s = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    assertThat(s.template()).isNull();
    assertThat(s.embed()).isTrue();
    assertThat(subscriptions.setTemplate(s.id(), "{{title}} {{link}}", false)).isTrue();
    Subscription set = subscriptions.find(s.id()).orElseThrow();
    assertThat(set.template()).isEqualTo("{{title}} {{link}}");
    assertThat(set.embed()).isFalse();
    assertThat(subscriptions.setTemplate(s.id(), " \n ", true)).isTrue();
    assertThat(subscriptions.find(s.id()).orElseThrow().template()).isNull();
    assertThat(subscriptions.customize(s.id(), null, "{{title}}", null)).isTrue();
    assertThat(subscriptions.find(s.id()).orElseThrow().template()).isEqualTo("{{title}}");
    assertThat(subscriptions.customize(s.id(), null, "", null)).isTrue();
    assertThat(subscriptions.find(s.id()).orElseThrow().template()).isNull();
    assertThat(subscriptions.setTemplate(s.id() + 100, "{{title}}", true)).isFalse();
  }

  @Test
  void deletingAChannelRemovesAllItsSubscriptions() {
    Feed other = feeds.findOrCreate("https://other.example/rss", T0);
    subscriptions.create(1, 10, feed.id(), null, null, T0);
    subscriptions.create(1, 10, other.id(), null, null, T0);
    subscriptions.create(1, 11, other.id(), null, null, T0);
    assertThat(subscriptions.deleteChannel(10)).isEqualTo(2);
    assertThat(subscriptions.forGuild(1)).extracting(Subscription::channelId).containsExactly(11L);
  }

  @Test
  void deletingAFeedCascadesToEverythingBelowIt() {
    Subscription s = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    deliveries.backfill(s, 2, T0);
    db.withConnection(
        "delete feed", c -> Sql.update(c, "DELETE FROM feeds WHERE id = ?", feed.id()));
    assertThat(subscriptions.forChannel(10)).isEmpty();
    assertThat(entries.count(feed.id())).isZero();
    assertThat(deliveries.count("pending")).isZero();
  }

  @Test
  void backfillQueuesTheLatestEntriesOnceAndTheyComeOutOldestFirst() {
    Subscription s = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    assertThat(deliveries.backfill(s, 2, T0)).isEqualTo(2);
    assertThat(deliveries.backfill(s, 3, T0)).isEqualTo(1);
    assertThat(deliveries.dueForChannel(10, T0, 10))
        .extracting(d -> d.entry().key())
        .containsExactly("a", "b", "c");
  }

  @Test
  void aSentDeliveryIsNotDueAgainAndKeepsItsMessageId() {
    Subscription s = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    deliveries.backfill(s, 1, T0);
    Delivery d = deliveries.dueForDiscord(T0, 10).get(0);
    assertThat(d.subscription()).isEqualTo(s);
    assertThat(d.feed().id()).isEqualTo(feed.id());
    assertThat(d.entry().key()).isEqualTo("c");
    deliveries.markSent(d.deliveryId(), 123456789012345678L, T0.plusSeconds(1));
    assertThat(deliveries.dueForDiscord(T0.plusSeconds(5), 10)).isEmpty();
    long messageId =
        db.withConnection(
            "read",
            c ->
                Sql.one(
                        c,
                        "SELECT message_id FROM deliveries WHERE id = ?",
                        rs -> rs.getLong(1),
                        d.deliveryId())
                    .orElseThrow());
    assertThat(messageId).isEqualTo(123456789012345678L);
  }

  @Test
  void aRetryWaitsUntilItsTimeAndCountsTheAttempt() {
    Subscription s = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    deliveries.backfill(s, 1, T0);
    long id = deliveries.dueForDiscord(T0, 10).get(0).deliveryId();
    assertThat(deliveries.dueForDiscord(T0, 10).get(0).attemptedAt()).isNull();
    Instant retryAt = T0.plusSeconds(30);
    assertThat(deliveries.claim(id, NODE, T0.plusSeconds(1))).isTrue();
    deliveries.retryLater(id, "HTTP 502", retryAt);
    assertThat(deliveries.dueForDiscord(retryAt.minusMillis(1), 10)).isEmpty();
    assertThat(deliveries.dueForDiscord(retryAt, 10))
        .singleElement()
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
    // a later try keeps the first one's time: its post, if it landed, is no older than that
    assertThat(deliveries.claim(id, NODE, retryAt)).isTrue();
    assertThat(deliveries.dueForDiscord(retryAt, 10))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.attempts()).isEqualTo(2);
              assertThat(d.attemptedAt()).isEqualTo(T0.plusSeconds(1));
            });
    deliveries.markFailed(id, "HTTP 400");
    assertThat(deliveries.dueForDiscord(retryAt, 10)).isEmpty();
    assertThat(deliveries.count("failed")).isEqualTo(1);
  }

  @Test
  void aMessageIsRecordedOnceADeliveryOfItsChannelWasSentWithIt() {
    Subscription s = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    Subscription elsewhere = subscriptions.create(1, 11, feed.id(), null, null, T0).orElseThrow();
    deliveries.backfill(s, 1, T0);
    deliveries.backfill(elsewhere, 1, T0);
    assertThat(deliveries.recordsMessage(10, 900L)).isFalse();
    long id = deliveries.dueForChannel(10, T0, 10).get(0).deliveryId();
    deliveries.markSent(id, 900L, T0);
    assertThat(deliveries.recordsMessage(10, 900L)).isTrue();
    assertThat(deliveries.recordsMessage(10, 901L)).isFalse();
    assertThat(deliveries.recordsMessage(11, 900L)).isFalse();
  }

  @Test
  void consoleDeliveriesAreKeptApartFromDiscordOnes() {
    Subscription console =
        subscriptions
            .create(0, Subscription.CONSOLE_CHANNEL, feed.id(), null, null, T0)
            .orElseThrow();
    Subscription discord = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    deliveries.backfill(console, 1, T0);
    deliveries.backfill(discord, 2, T0);
    assertThat(deliveries.dueForDiscord(T0, 10))
        .allMatch(d -> d.subscription().equals(discord))
        .hasSize(2);
    assertThat(deliveries.dueForChannel(Subscription.CONSOLE_CHANNEL, T0, 10)).hasSize(1);
  }

  @Test
  void aPausedSubscriptionsDeliveriesWaitUntilItResumes() {
    Subscription s = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    deliveries.backfill(s, 1, T0);
    assertThat(subscriptions.pause(s.id(), "Missing Permissions")).isTrue();
    assertThat(subscriptions.pause(s.id(), "again")).isFalse();
    assertThat(subscriptions.forChannel(10).get(0).pausedReason()).isEqualTo("Missing Permissions");
    assertThat(deliveries.dueForDiscord(T0, 10)).isEmpty();
    assertThat(subscriptions.resume(s.id())).isTrue();
    assertThat(deliveries.dueForDiscord(T0, 10)).hasSize(1);
  }

  @Test
  void nextPerChannelGivesEachChannelsOldestAndHoldsAChannelWhoseOldestWaitsForARetry() {
    Subscription ten = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    Subscription eleven = subscriptions.create(1, 11, feed.id(), null, null, T0).orElseThrow();
    Subscription console =
        subscriptions
            .create(0, Subscription.CONSOLE_CHANNEL, feed.id(), null, null, T0)
            .orElseThrow();
    deliveries.backfill(ten, 3, T0);
    deliveries.backfill(eleven, 3, T0);
    deliveries.backfill(console, 3, T0);
    List<Delivery> next = deliveries.nextPerChannel(T0, NODE, EVERY_SHARD, 100);
    assertThat(next)
        .extracting(d -> d.subscription().channelId() + ":" + d.entry().key())
        .containsExactlyInAnyOrder("10:a", "11:a");

    long tenOldest =
        next.stream()
            .filter(d -> d.subscription().channelId() == 10)
            .findFirst()
            .orElseThrow()
            .deliveryId();
    deliveries.retryLater(tenOldest, "HTTP 502", T0.plusSeconds(30));
    assertThat(deliveries.nextPerChannel(T0.plusSeconds(1), NODE, EVERY_SHARD, 100))
        .extracting(d -> d.subscription().channelId())
        .containsExactly(11L);
    assertThat(deliveries.nextPerChannel(T0.plusSeconds(30), NODE, EVERY_SHARD, 100))
        .extracting(d -> d.subscription().channelId() + ":" + d.entry().key())
        .containsExactlyInAnyOrder("10:a", "11:a");

    deliveries.markSent(tenOldest, 1L, T0.plusSeconds(31));
    assertThat(deliveries.nextPerChannel(T0.plusSeconds(31), NODE, EVERY_SHARD, 100))
        .extracting(d -> d.subscription().channelId() + ":" + d.entry().key())
        .containsExactlyInAnyOrder("10:b", "11:a");
  }
}
