package dev.orrery.store;

import static dev.orrery.store.StoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class ShardLeaseStoreTest {
  static final Duration LEASE = Duration.ofSeconds(15);

  @Parameter Dialect dialect;
  @TempDir Path dir;
  Database db;
  NodeStore nodes;
  ShardLeaseStore leases;

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
    nodes = new NodeStore(db);
    leases = new ShardLeaseStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aNodeIsLiveUntilItsLastHeartbeatIsOlderThanTheTimeToLive() {
    nodes.heartbeat("a", T0);
    nodes.heartbeat("b", T0.plusSeconds(10));

    assertThat(nodes.liveNodes(T0.plusSeconds(15), LEASE)).containsExactly("a", "b");
    assertThat(nodes.liveNodes(T0.plusSeconds(16), LEASE)).containsExactly("b");
    nodes.heartbeat("a", T0.plusSeconds(16));
    assertThat(nodes.liveNodes(T0.plusSeconds(16), LEASE)).containsExactly("a", "b");
  }

  @Test
  void aForgottenNodeIsNoLongerLive() {
    nodes.heartbeat("a", T0);
    nodes.heartbeat("b", T0);
    nodes.forget("a");
    assertThat(nodes.liveNodes(T0, LEASE)).containsExactly("b");
  }

  @Test
  void nodesUnseenSinceATimeAreRemovedAndTheOthersStay() {
    nodes.heartbeat("old", T0);
    nodes.heartbeat("new", T0.plusSeconds(60));
    assertThat(nodes.forgetUnseenSince(T0.plusSeconds(30))).isEqualTo(1);
    assertThat(nodes.liveNodes(T0.plusSeconds(60), Duration.ofDays(1))).containsExactly("new");
  }

  @Test
  void aFreeShardGoesToTheFirstClaimAndNotToASecondWhileTheLeaseRuns() {
    assertThat(leases.claim("a", 0, T0, T0.plus(LEASE))).isTrue();
    assertThat(leases.claim("b", 0, T0.plusSeconds(5), T0.plusSeconds(5).plus(LEASE))).isFalse();

    assertThat(leases.holders(T0.plusSeconds(5))).isEqualTo(Map.of(0, "a"));
    assertThat(leases.held("a", T0.plusSeconds(5))).containsExactly(0);
    assertThat(leases.held("b", T0.plusSeconds(5))).isEmpty();
  }

  @Test
  void anEndedLeaseIsFreeForAnotherNodeAndItsOldHolderCannotRenewIt() {
    leases.claim("a", 0, T0, T0.plus(LEASE));
    leases.claim("a", 1, T0, T0.plus(LEASE));
    Instant later = T0.plus(LEASE).plusMillis(1);

    assertThat(leases.claim("b", 1, later, later.plus(LEASE))).isTrue();
    assertThat(leases.renew("a", later, later.plus(LEASE))).isEmpty();
    assertThat(leases.holders(later)).isEqualTo(Map.of(1, "b"));
  }

  @Test
  void renewingExtendsTheLeasesStillHeld() {
    leases.claim("a", 0, T0, T0.plus(LEASE));
    leases.claim("a", 3, T0, T0.plus(LEASE));
    leases.claim("b", 1, T0, T0.plus(LEASE));

    Instant renewed = T0.plusSeconds(10);
    assertThat(leases.renew("a", renewed, renewed.plus(LEASE))).containsExactly(0, 3);

    // b did not renew: its shard is free when its lease ends, a's still held
    Instant after = T0.plus(LEASE).plusSeconds(1);
    assertThat(leases.holders(after)).isEqualTo(Map.of(0, "a", 3, "a"));
    assertThat(leases.claim("c", 0, after, after.plus(LEASE))).isFalse();
  }

  @Test
  void aNodeMayClaimAgainAShardItHolds() {
    leases.claim("a", 0, T0, T0.plus(LEASE));
    assertThat(leases.claim("a", 0, T0.plusSeconds(1), T0.plusSeconds(20))).isTrue();
    assertThat(leases.holders(T0.plusSeconds(20))).isEqualTo(Map.of(0, "a"));
  }

  @Test
  void aReleasedShardIsFreeAtOnceButOnlyItsHolderCanReleaseIt() {
    leases.claim("a", 0, T0, T0.plus(LEASE));
    leases.claim("a", 1, T0, T0.plus(LEASE));

    leases.release("b", 0);
    assertThat(leases.held("a", T0)).containsExactly(0, 1);
    leases.release("a", 0);
    assertThat(leases.claim("b", 0, T0, T0.plus(LEASE))).isTrue();
    leases.releaseAll("a");
    assertThat(leases.holders(T0)).isEqualTo(Map.of(0, "b"));
  }

  @Test
  void nodesRacingForOneShardLeaveExactlyOneHolder() throws Exception {
    leases.claim("old", 0, T0, T0.plus(LEASE));
    Instant later = T0.plus(LEASE).plusSeconds(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> racers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String node = "n" + i;
        racers.add(() -> leases.claim(node, 0, later, later.plus(LEASE)));
      }
      int won = 0;
      for (Future<Boolean> result : pool.invokeAll(racers)) {
        won += result.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
      assertThat(leases.holders(later).get(0)).startsWith("n");
    } finally {
      pool.shutdownNow();
    }
  }
}
