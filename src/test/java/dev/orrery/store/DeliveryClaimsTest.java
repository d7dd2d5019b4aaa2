package dev.orrery.store;

import static dev.orrery.store.ShardSliceTest.guild;
import static dev.orrery.store.StoreFixture.EVERY_SHARD;
import static dev.orrery.store.StoreFixture.T0;
import static dev.orrery.store.StoreFixture.entry;
import static dev.orrery.store.StoreFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.feed.NormalizedEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Several nodes on one database: each reads its shards' guilds, and each try is one node's. */
@ParameterizedClass
@EnumSource(Dialect.class)
class DeliveryClaimsTest {
  static final String A = "node-a";
  static final String B = "node-b";
  // near the ids Discord hands out today, so the shift works on large 64-bit values
  static final long SNOWFLAKE_HIGH = 300_000_000_000L;

  @Parameter Dialect dialect;
  @TempDir Path dir;
  Database db;
  EntryStore entries;
  SubscriptionStore subscriptions;
  DeliveryStore deliveries;
  DigestStore digests;
  Feed feed;

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
    entries = new EntryStore(db, 5, Admission.EVERYTHING, false);
    subscriptions = new SubscriptionStore(db);
    deliveries = new DeliveryStore(db);
    digests = new DigestStore(db);
    feed = new FeedStore(db).findOrCreate("https://example.org/rss", T0);
    entries.recordRefresh(feed.id(), update(T0), List.of(entry("a", T0.minusSeconds(9))), T0);
  }

  @AfterEach
  void close() {
    db.close();
  }

  /** One subscription with one pending delivery in a channel of a guild on {@code shard}. */
  Subscription onShard(int shard, int total, long channel) {
    long guildId = guild(SNOWFLAKE_HIGH * total + shard, 4321);
    Subscription s =
        subscriptions.create(guildId, channel, feed.id(), null, null, T0).orElseThrow();
    deliveries.backfill(s, 1, T0);
    return s;
  }

  List<Long> channelsFor(ShardSlice slice) {
    return deliveries.nextPerChannel(T0, A, slice, 100).stream()
        .map(d -> d.subscription().channelId())
        .toList();
  }

  long onlyDelivery() {
    return deliveries.dueForDiscord(T0, 10).get(0).deliveryId();
  }

  @Test
  void aNodeReadsExactlyTheDeliveriesOfTheGuildsOnItsShards() {
    for (int shard = 0; shard < 3; shard++) {
      onShard(shard, 3, 10 + shard);
      // a second guild on the same shard, further along the id space
      Subscription s =
          subscriptions
              .create(guild(shard + 3 * 7, 1), 20 + shard, feed.id(), null, null, T0)
              .orElseThrow();
      deliveries.backfill(s, 1, T0);
    }
    Subscription console =
        subscriptions
            .create(0, Subscription.CONSOLE_CHANNEL, feed.id(), null, null, T0)
            .orElseThrow();
    deliveries.backfill(console, 1, T0);

    assertThat(channelsFor(new ShardSlice(Set.of(0, 2), 3)))
        .containsExactlyInAnyOrder(10L, 20L, 12L, 22L);
    assertThat(channelsFor(new ShardSlice(Set.of(1), 3))).containsExactlyInAnyOrder(11L, 21L);
    assertThat(channelsFor(new ShardSlice(Set.of(), 3))).isEmpty();
    assertThat(channelsFor(ShardSlice.all(3)))
        .containsExactlyInAnyOrder(10L, 11L, 12L, 20L, 21L, 22L);
    for (Delivery d : deliveries.nextPerChannel(T0, A, new ShardSlice(Set.of(1), 3), 100)) {
      assertThat(new ShardSlice(Set.of(1), 3).holds(d.subscription().guildId())).isTrue();
    }
  }

  @Test
  void aNodeReadsOnlyTheDigestsOfTheGuildsOnItsShards() {
    Subscription zero = onShard(0, 2, 10);
    Subscription one = onShard(1, 2, 11);
    Instant due = T0.plusSeconds(3600);
    for (Subscription s : List.of(zero, one)) {
      subscriptions.setDigest(
          s.id(),
          new DigestSchedule(DigestSchedule.Every.DAILY, LocalTime.NOON, ZoneId.of("UTC"), T0));
    }
    entries.recordRefresh(
        feed.id(), update(T0), List.of(entry("b", T0.plusSeconds(1))), T0.plusSeconds(1));
    digests.close(zero.id(), due, due);
    digests.close(one.id(), due, due);

    assertThat(digests.nextPerChannel(due, A, new ShardSlice(Set.of(1), 2), 10))
        .extracting(g -> g.subscription().channelId())
        .containsExactly(11L);
    assertThat(digests.nextPerChannel(due, A, new ShardSlice(Set.of(0), 2), 10))
        .extracting(g -> g.subscription().channelId())
        .containsExactly(10L);
  }

  @Test
  void aClaimKeepsOtherNodesOffUntilItEndsAndThenAnotherNodeWins() {
    onShard(0, 1, 10);
    long id = onlyDelivery();

    assertThat(deliveries.claim(id, A, T0)).isTrue();
    Instant ends = T0.plus(Claims.HOLD);
    assertThat(deliveries.claim(id, B, ends.minusMillis(1))).isFalse();
    assertThat(deliveries.nextPerChannel(ends.minusMillis(1), B, EVERY_SHARD, 10))
        .as("held by another node's try")
        .isEmpty();
    assertThat(deliveries.nextPerChannel(ends.minusMillis(1), A, EVERY_SHARD, 10)).hasSize(1);

    assertThat(deliveries.nextPerChannel(ends, B, EVERY_SHARD, 10)).hasSize(1);
    assertThat(deliveries.claim(id, B, ends)).isTrue();
    assertThat(deliveries.claim(id, A, ends.plusSeconds(1))).isFalse();
    assertThat(deliveries.dueForDiscord(ends, 10))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.attempts()).isEqualTo(2);
              assertThat(d.attemptedAt()).isEqualTo(T0);
            });
  }

  @Test
  void aNodeTakesBackItsOwnClaimAsWhenItRestartsUnderTheSameName() {
    onShard(0, 1, 10);
    long id = onlyDelivery();
    assertThat(deliveries.claim(id, A, T0)).isTrue();
    assertThat(deliveries.claim(id, A, T0.plusSeconds(1))).isTrue();
  }

  @Test
  void aSettledDeliveryCannotBeClaimedAndARetryLetsGoOfTheClaim() {
    onShard(0, 1, 10);
    onShard(0, 1, 11);
    List<Long> ids = deliveries.dueForDiscord(T0, 10).stream().map(Delivery::deliveryId).toList();
    long sent = ids.get(0);
    long retried = ids.get(1);

    assertThat(deliveries.claim(sent, A, T0)).isTrue();
    deliveries.markSent(sent, 900L, T0.plusSeconds(1));
    assertThat(deliveries.claim(sent, A, T0.plusSeconds(2))).isFalse();
    assertThat(deliveries.claim(sent, B, T0.plus(Claims.HOLD).plusSeconds(1))).isFalse();

    assertThat(deliveries.claim(retried, A, T0)).isTrue();
    deliveries.retryLater(retried, "HTTP 502", T0.plusSeconds(5));
    assertThat(deliveries.claim(retried, B, T0.plusSeconds(4)))
        .as("not due before its retry")
        .isFalse();
    assertThat(deliveries.claim(retried, B, T0.plusSeconds(5))).isTrue();
    deliveries.markFailed(retried, "HTTP 400");
    assertThat(deliveries.claim(retried, B, T0.plusSeconds(6))).isFalse();
  }

  @Test
  void aDigestIsClaimedByOneNodeAtATimeAndNotAfterItIsSent() {
    Subscription s = onShard(0, 1, 10);
    subscriptions.setDigest(
        s.id(),
        new DigestSchedule(DigestSchedule.Every.DAILY, LocalTime.NOON, ZoneId.of("UTC"), T0));
    entries.recordRefresh(
        feed.id(), update(T0), List.of(entry("b", T0.plusSeconds(1))), T0.plusSeconds(1));
    Instant due = T0.plusSeconds(3600);
    long digest = ((Closure.Made) digests.close(s.id(), due, due)).digestId();

    assertThat(digests.claim(digest, A, due)).isTrue();
    assertThat(digests.claim(digest, B, due.plusSeconds(1))).isFalse();
    assertThat(digests.nextPerChannel(due.plusSeconds(1), B, EVERY_SHARD, 10)).isEmpty();
    digests.retryLater(digest, "Discord error 500", due.plusSeconds(2));
    assertThat(digests.claim(digest, B, due.plusSeconds(2))).isTrue();
    assertThat(digests.claim(digest, A, due.plusSeconds(3))).isFalse();
    digests.markSent(digest, 700L, Map.of(), due.plusSeconds(4));
    assertThat(digests.claim(digest, B, due.plusSeconds(5))).isFalse();
    assertThat(digests.claim(digest, A, due.plus(Claims.HOLD).plusSeconds(5))).isFalse();
    assertThat(digests.forSubscription(s.id()))
        .singleElement()
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
  }

  @Test
  void nodesRacingForTheSameDeliveriesWinEachExactlyOnce() throws Exception {
    List<NormalizedEntry> many =
        IntStream.range(0, 200).mapToObj(i -> entry("race-" + i, T0.plusSeconds(i))).toList();
    entries.recordRefresh(feed.id(), update(T0), many, T0);
    Subscription s = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    assertThat(deliveries.backfill(s, 200, T0)).isEqualTo(200);
    List<Long> ids = deliveries.dueForDiscord(T0, 1000).stream().map(Delivery::deliveryId).toList();
    assertThat(ids).hasSize(200);

    // four nodes at once, a thread each: a node's own threads never race for one delivery (its
    // deliverer has one post in flight per channel), and a node takes back its own claim
    List<String> nodes = List.of("node-1", "node-2", "node-3", "node-4");
    CyclicBarrier start = new CyclicBarrier(nodes.size());
    ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
    try {
      List<Future<List<Long>>> won = new ArrayList<>();
      for (String node : nodes) {
        won.add(
            threads.submit(
                () -> {
                  start.await();
                  List<Long> mine = new ArrayList<>();
                  for (long id : ids) {
                    if (deliveries.claim(id, node, T0)) {
                      mine.add(id);
                    }
                  }
                  return mine;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : won) {
        all.addAll(f.get());
      }
      assertThat(all).hasSize(200).doesNotHaveDuplicates();
      assertThat(new HashSet<>(all)).isEqualTo(new HashSet<>(ids));
    } finally {
      threads.shutdownNow();
    }
    assertThat(deliveries.dueForDiscord(T0, 1000)).allMatch(d -> d.attempts() == 1);
  }
}
