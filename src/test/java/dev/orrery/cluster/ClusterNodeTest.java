package dev.orrery.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.store.Database;
import dev.orrery.store.Dialect;
import dev.orrery.store.NodeStore;
import dev.orrery.store.ShardLeaseStore;
import dev.orrery.store.StoreFixture;
import dev.orrery.testing.TestClock;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Nodes on one real database, each ticked by hand on a clock of the test's. */
@ParameterizedClass
@EnumSource(Dialect.class)
class ClusterNodeTest {
  static final Duration RENEW = Duration.ofSeconds(3);
  static final Duration LEASE = Duration.ofSeconds(15);

  @Parameter Dialect dialect;
  @TempDir Path dir;
  Database db;
  final TestClock clock = new TestClock(Instant.parse("2026-05-01T10:00:00Z"));
  final List<ClusterNode> started = new ArrayList<>();

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  /** What a node told its listener, as the shards it runs. */
  static final class Running implements ClusterNode.Listener {
    final Set<Integer> shards = new HashSet<>();
    final List<String> events = new ArrayList<>();
    int liveNodes;

    @Override
    public void gained(int shard) {
      assertThat(shards.add(shard)).as("shard %d started twice", shard).isTrue();
      events.add("+" + shard);
    }

    @Override
    public void lost(int shard) {
      assertThat(shards.remove(shard)).as("shard %d stopped while not running", shard).isTrue();
      events.add("-" + shard);
    }

    @Override
    public void liveNodes(int count) {
      liveNodes = count;
    }
  }

  ClusterNode node(String name, int shards, Running running) {
    return node(name, shards, running, db);
  }

  ClusterNode node(String name, int shards, Running running, Database on) {
    return new ClusterNode(
        new Config.Cluster(name, RENEW, LEASE),
        shards,
        new NodeStore(on),
        new ShardLeaseStore(on),
        clock,
        running);
  }

  void every(Duration step, ClusterNode... nodes) {
    clock.advance(step);
    for (ClusterNode node : nodes) {
      node.tick();
    }
  }

  @Test
  void aLoneNodeRunsEveryShard() {
    Running a = new Running();
    ClusterNode nodeA = node("a", 4, a);

    nodeA.tick();

    assertThat(a.shards).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(nodeA.held()).isEqualTo(a.shards);
    assertThat(a.liveNodes).isEqualTo(1);
    every(RENEW, nodeA);
    assertThat(a.events).containsExactly("+0", "+1", "+2", "+3");
  }

  @Test
  void aNodeThatJoinsGetsItsShareFromTheOneThatHadThemAll() {
    Running a = new Running();
    Running b = new Running();
    ClusterNode nodeA = node("a", 4, a);
    ClusterNode nodeB = node("b", 4, b);
    nodeA.tick();

    nodeB.tick();
    assertThat(b.shards).as("nothing is free yet").isEmpty();
    every(RENEW, nodeA, nodeB);

    assertThat(a.shards).containsExactlyInAnyOrder(0, 1);
    assertThat(b.shards).containsExactlyInAnyOrder(2, 3);
    assertThat(a.liveNodes).isEqualTo(2);
    assertThat(b.liveNodes).isEqualTo(2);
    // and it stays so
    every(RENEW, nodeA, nodeB);
    every(RENEW, nodeB, nodeA);
    assertThat(a.events).containsExactly("+0", "+1", "+2", "+3", "-2", "-3");
    assertThat(b.events).containsExactly("+2", "+3");
  }

  @Test
  void twoShardsOverThreeNodesLeaveOneNodeStandingBy() {
    Running a = new Running();
    Running b = new Running();
    Running c = new Running();
    ClusterNode nodeA = node("a", 2, a);
    ClusterNode nodeB = node("b", 2, b);
    ClusterNode nodeC = node("c", 2, c);
    nodeA.tick();
    nodeB.tick();
    nodeC.tick();
    for (int i = 0; i < 3; i++) {
      every(RENEW, nodeA, nodeB, nodeC);
    }

    assertThat(List.of(a.shards.size(), b.shards.size(), c.shards.size()))
        .containsExactlyInAnyOrder(1, 1, 0);
    Set<Integer> all = new HashSet<>(a.shards);
    all.addAll(b.shards);
    all.addAll(c.shards);
    assertThat(all).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void theShardsOfANodeThatStopsRenewingAreTakenOverWhenItsLeaseEnds() {
    Running a = new Running();
    Running b = new Running();
    ClusterNode nodeA = node("a", 2, a);
    ClusterNode nodeB = node("b", 2, b);
    nodeA.tick();
    nodeB.tick();
    every(RENEW, nodeA, nodeB);
    every(RENEW, nodeB, nodeA);
    assertThat(a.shards).containsExactly(0);
    assertThat(b.shards).containsExactly(1);
    Instant killed = clock.instant();

    // b is killed: it never ticks again
    Instant takenOver = null;
    for (int i = 0; i < 20 && takenOver == null; i++) {
      every(RENEW, nodeA);
      if (a.shards.contains(1)) {
        takenOver = clock.instant();
      }
    }

    assertThat(a.shards).containsExactlyInAnyOrder(0, 1);
    assertThat(Duration.between(killed, takenOver))
        .isGreaterThan(LEASE)
        .isLessThanOrEqualTo(LEASE.plus(RENEW))
        .isLessThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(a.liveNodes).isEqualTo(1);
  }

  @Test
  void closingGivesTheShardsBackAtOnceAndLeavesTheNodeTable() {
    Running a = new Running();
    Running b = new Running();
    ClusterNode nodeA = node("a", 2, a);
    ClusterNode nodeB = node("b", 2, b);
    nodeA.tick();
    nodeB.tick();
    every(RENEW, nodeA, nodeB);

    nodeA.close();

    assertThat(a.shards).isEmpty();
    assertThat(new NodeStore(db).liveNodes(clock.instant(), LEASE)).containsExactly("b");
    every(Duration.ofMillis(1), nodeB);
    assertThat(b.shards).containsExactlyInAnyOrder(0, 1);
    // a closed node makes no more rounds
    every(RENEW, nodeA);
    assertThat(a.shards).isEmpty();
  }

  @Test
  void aNodeCutOffFromTheDatabaseStopsItsShardsBeforeTheLeaseEndsThenClaimsAgain() {
    Running a = new Running();
    ClusterNode nodeA = node("a", 2, a);
    nodeA.tick();
    Instant lastRenewal = clock.instant();

    rename("nodes", "nodes_away");
    every(RENEW, nodeA);
    every(RENEW, nodeA);
    every(RENEW, nodeA);
    assertThat(a.shards).as("the leases still run for 6 more seconds").containsExactly(0, 1);
    every(RENEW, nodeA);
    assertThat(a.shards).as("the leases end within the next round").isEmpty();
    assertThat(clock.instant()).isBefore(lastRenewal.plus(LEASE));

    rename("nodes_away", "nodes");
    every(RENEW, nodeA);
    assertThat(a.shards).containsExactlyInAnyOrder(0, 1);
    assertThat(a.events).containsExactly("+0", "+1", "-0", "-1", "+0", "+1");
  }

  @Test
  void aRoundHungOnTheDatabaseDoesNotKeepTheShardsPastTheirLease() {
    Running a = new Running();
    ClusterNode nodeA = node("a", 2, a);
    nodeA.tick();
    Instant lastRenewal = clock.instant();

    // no round runs (one hangs on a database that does not answer): the watch alone stops them
    clock.advance(RENEW.multipliedBy(3));
    nodeA.watch();
    assertThat(a.shards).as("the leases still run for 6 more seconds").containsExactly(0, 1);
    clock.advance(RENEW);
    nodeA.watch();
    assertThat(a.shards).as("a renewal before the leases end").isEmpty();
    assertThat(clock.instant()).isBefore(lastRenewal.plus(LEASE));

    nodeA.tick();
    assertThat(a.events).containsExactly("+0", "+1", "-0", "-1", "+0", "+1");
  }

  @Test
  void theFairShareRoundsUpSoThatEveryShardHasANode() {
    ClusterNode seven = node("a", 7, new Running());
    assertThat(seven.fairShare(1)).isEqualTo(7);
    assertThat(seven.fairShare(2)).isEqualTo(4);
    assertThat(seven.fairShare(3)).isEqualTo(3);
    assertThat(seven.fairShare(7)).isEqualTo(1);
    assertThat(seven.fairShare(9)).isEqualTo(1);
  }

  /** Takes a table out of reach and back, as a database that stops answering would. */
  private void rename(String from, String to) {
    db.withConnection(
        "rename " + from,
        c -> {
          try (Statement s = c.createStatement()) {
            return s.executeUpdate("ALTER TABLE " + from + " RENAME TO " + to);
          }
        });
  }
}
