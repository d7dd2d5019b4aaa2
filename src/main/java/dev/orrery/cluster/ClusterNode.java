package dev.orrery.cluster;

import dev.orrery.config.Config;
import dev.orrery.store.NodeStore;
import dev.orrery.store.ShardLeaseStore;
import dev.orrery.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process among the nodes that share a PostgreSQL database: every few seconds it says it is
 * alive, renews its shard leases, gives back what is above its fair share (so that a node that
 * joins gets some) and claims free shards up to that share. Its {@link Listener} starts and stops
 * the shards it is told of; a node cut off from the database stops its shards before their leases
 * end, since another node takes them then.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

  /** A node silent this many leases long is removed from the table: it is not coming back. */
  private static final int FORGET_AFTER_LEASES = 20;

  /** What the node tells about its shards and its peers, on its ticker's thread. */
  public interface Listener {
    /** This node now runs the shard: start it. */
    void gained(int shard);

    /** This node no longer runs the shard: stop it, another node may start it any moment. */
    void lost(int shard);

    /**
     * How many nodes are live, this one included; told after each round that reached the database.
     */
    default void liveNodes(int count) {}
  }

  private final String name;
  private final int totalShards;
  private final Duration renewEvery;
  private final Duration lease;
  private final NodeStore nodes;
  private final ShardLeaseStore leases;
  private final InstantSource clock;
  private final Listener listener;

  /** The shards this node runs; guarded by itself, not by the round, which may hang on I/O. */
  private final TreeSet<Integer> held = new TreeSet<>();

  private volatile Instant lastRenewed;
  private boolean closed;
  private ScheduledExecutorService ticker;

  /**
   * @param totalShards how many shards the bot has in all; every node must agree on it
   */
  public ClusterNode(
      Config.Cluster settings,
      int totalShards,
      NodeStore nodes,
      ShardLeaseStore leases,
      InstantSource clock,
      Listener listener) {
    if (totalShards < 1) {
      throw new IllegalArgumentException("a cluster needs at least one shard: " + totalShards);
    }
    this.name = settings.nodeName();
    this.totalShards = totalShards;
    this.renewEvery = settings.renewEvery();
    this.lease = settings.lease();
    this.nodes = nodes;
    this.leases = leases;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Makes the first round now, then one every {@code cluster.renew-every} on its own thread, and
   * watches the leases' time on another: a round can hang on a database that does not answer (a
   * network partition leaves sockets open), and the shards must stop before their leases end all
   * the same.
   */
  public synchronized void start() {
    tick();
    ticker =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "cluster-" + name);
              t.setDaemon(true);
              return t;
            });
    long every = renewEvery.toMillis();
    ticker.scheduleWithFixedDelay(this::tickLogged, every, every, TimeUnit.MILLISECONDS);
    ticker.scheduleWithFixedDelay(this::watch, every / 2, every / 2, TimeUnit.MILLISECONDS);
  }

  private void tickLogged() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.error("Node {}: a round of shard leases failed", name, e);
    }
  }

  /** One round: heartbeat, renew, give back above the fair share, claim up to it. */
  public synchronized void tick() {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    Set<Integer> mine;
    int live;
    try {
      nodes.heartbeat(name, now);
      nodes.forgetUnseenSince(now.minus(lease.multipliedBy(FORGET_AFTER_LEASES)));
      live = Math.max(1, nodes.liveNodes(now, lease).size());
      Instant until = now.plus(lease);
      mine = leases.renew(name, now, until);
      lastRenewed = now;
      int share = fairShare(live);
      giveBackAbove(share, mine);
      claimUpTo(share, mine, now, until);
    } catch (StoreException e) {
      cutOff(now, e);
      return;
    }
    synchronized (held) {
      if (expiring(clock.instant(), now)) {
        // the round took so long that the leases it renewed may be ending: run none of them
        log.error("Node {}: a round of shard leases took too long; stopping shards {}", name, held);
        apply(Set.of());
        return;
      }
      apply(mine);
    }
    notify(listener::liveNodes, live);
  }

  /**
   * Stops the shards when their leases are about to end unrenewed, whatever the round is doing: the
   * other nodes may claim them then.
   */
  void watch() {
    synchronized (held) {
      Instant renewed = lastRenewed;
      if (!held.isEmpty() && renewed != null && expiring(clock.instant(), renewed)) {
        log.error(
            "Node {} has not renewed its leases since {}: stopping its shards {} before they end",
            name,
            renewed,
            held);
        apply(Set.of());
      }
    }
  }

  /** Whether leases renewed at {@code renewed} end within one renewal from {@code now}. */
  private boolean expiring(Instant now, Instant renewed) {
    return !now.isBefore(renewed.plus(lease).minus(renewEvery));
  }

  /** Each live node's share: every shard has a node, and no node more than its part rounded up. */
  int fairShare(int liveNodes) {
    return (totalShards + liveNodes - 1) / liveNodes;
  }

  private void giveBackAbove(int share, Set<Integer> mine) {
    TreeSet<Integer> sorted = new TreeSet<>(mine);
    while (sorted.size() > share) {
      int shard = sorted.pollLast();
      leases.release(name, shard);
      mine.remove(shard);
      log.info("Node {} gives back shard {} to share the shards with a new node", name, shard);
    }
  }

  private void claimUpTo(int share, Set<Integer> mine, Instant now, Instant until) {
    if (mine.size() >= share) {
      return;
    }
    Map<Integer, String> holders = leases.holders(now);
    for (int shard = 0; shard < totalShards && mine.size() < share; shard++) {
      if (!holders.containsKey(shard) && leases.claim(name, shard, now, until)) {
        mine.add(shard);
      }
    }
  }

  /** Tells the listener what changed: stops first, so a shard is never run twice here. */
  private void apply(Set<Integer> nowHeld) {
    for (int shard : List.copyOf(held)) {
      if (!nowHeld.contains(shard)) {
        held.remove(shard);
        notify(listener::lost, shard);
      }
    }
    for (int shard : nowHeld) {
      if (held.add(shard)) {
        notify(listener::gained, shard);
      }
    }
  }

  /**
   * The database did not answer: keep the shards while their leases surely last, then stop them
   * before another node may claim them. The next round that reaches the database claims again.
   */
  private void cutOff(Instant now, StoreException e) {
    synchronized (held) {
      Instant renewed = lastRenewed;
      if (!held.isEmpty() && (renewed == null || expiring(now, renewed))) {
        log.error(
            "Node {} cannot reach the database ({}): stopping its shards {} before their leases"
                + " end",
            name,
            e.getMessage(),
            held);
        apply(Set.of());
        return;
      }
    }
    log.warn("Node {} cannot reach the database: {}", name, e.getMessage());
  }

  private void notify(IntConsumer call, int value) {
    try {
      call.accept(value);
    } catch (RuntimeException e) {
      log.error("Node {}: the shard listener failed", name, e);
    }
  }

  /** The shards this node runs now. */
  public Set<Integer> held() {
    synchronized (held) {
      return Set.copyOf(held);
    }
  }

  public String name() {
    return name;
  }

  /** Stops the rounds, stops the shards, gives their leases back and leaves the node table. */
  @Override
  public void close() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      closed = true;
      stopping = ticker;
    }
    if (stopping != null) {
      // a round under way finishes: interrupting it could break its database connection
      stopping.shutdown();
      try {
        stopping.awaitTermination(lease.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      synchronized (held) {
        apply(Set.of());
      }
      try {
        leases.releaseAll(name);
        nodes.forget(name);
      } catch (StoreException e) {
        log.warn(
            "Node {} could not give its shards back ({}): others take them when the leases end",
            name,
            e.getMessage());
      }
    }
  }
}
