package dev.orrery.bench;

import dev.orrery.config.Config;
import dev.orrery.store.Database;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One configuration of the cluster scenario: some nodes ({@link ForkedNode}s) polling one database
 * that this process fills and marks due, timed by the load server's own count of requests, for a
 * cold cycle and a 304 cycle.
 *
 * @param settings the database every node opens
 * @param nodes how many nodes poll it
 * @param threads each node's poll threads
 * @param partitions {@code poll.partitions}, which only PostgreSQL uses
 * @param settle how long to wait after a cycle for repeat requests before counting them
 */
record ClusterRun(
    Config.Database settings,
    int nodes,
    int threads,
    int partitions,
    List<String> jvmOptions,
    Path logs,
    Duration settle) {

  /**
   * One cycle: from the moment every feed was made due until the last had its first request, and
   * the most and fewest requests any one feed had once things had settled.
   */
  record Cycle(double seconds, int most, int fewest) {}

  /** What a configuration came to; {@code failed} counts the nodes' failed refreshes. */
  record Outcome(Cycle cold, Cycle notModified, long failed) {}

  /** Makes a feed and a subscription, through the stores, for every feed of the server. */
  static void fill(Config.Database settings, FeedLoadServer server) {
    try (Database database = Database.open(settings)) {
      FeedStore feeds = new FeedStore(database);
      SubscriptionStore subscriptions = new SubscriptionStore(database);
      Instant now = Instant.now();
      for (int k = 0; k < server.count(); k++) {
        Feed feed = feeds.findOrCreate(server.feedUrl(k).toString(), now);
        subscriptions.create(1, 1_000 + k % PollCycles.CHANNELS, feed.id(), null, null, now);
      }
      // nothing is due until a cycle says so, however long the nodes take to start
      markDue(database, now.plus(Duration.ofDays(1)));
    }
  }

  Outcome measure(FeedLoadServer server) throws Exception {
    server.mode(FeedLoadServer.Mode.CONDITIONAL);
    List<ForkedNode> started = new ArrayList<>();
    try (Database database = Database.open(settings)) {
      for (int i = 1; i <= nodes; i++) {
        started.add(start(i));
      }
      for (ForkedNode node : started) {
        node.awaitReady(180);
      }
      Cycle cold = cycle(server, database, started);
      Cycle notModified = cycle(server, database, started);
      long failed = 0;
      for (ForkedNode node : started) {
        Properties counted = node.stop(60);
        failed += Long.parseLong(counted.getProperty("failed", "0"));
      }
      return new Outcome(cold, notModified, failed);
    } finally {
      started.forEach(ForkedNode::close);
    }
  }

  private ForkedNode start(int index) throws Exception {
    String name = "node-" + index;
    boolean password = settings.username() != null;
    List<String> args =
        List.of(
            settings.url(),
            password ? settings.username() : "-",
            password ? settings.password().reveal() : "-",
            name,
            Integer.toString(threads),
            Integer.toString(partitions));
    String store = settings.url().startsWith("jdbc:sqlite:") ? "sqlite" : "postgresql";
    return new ForkedNode(
        name,
        jvmOptions,
        args,
        logs.resolve("cluster-" + store + "-" + nodes + "-" + name + ".log"));
  }

  private Cycle cycle(FeedLoadServer server, Database database, List<ForkedNode> started)
      throws Exception {
    int count = server.count();
    server.startCensus();
    long start = System.nanoTime();
    Instant due = Instant.now();
    markDue(database, due);
    for (ForkedNode node : started) {
      node.send(
          ClusterPollNode.CYCLE); // a lone SQLite node starts a scheduler; the others ignore it
    }
    long deadline = start + Math.max(300, count / 10) * 1_000_000_000L;
    // the time of the last first request, written just after the count reaches every feed
    while (server.allFetchedAt() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + server.fetchedFeeds() + " of " + count + " feeds fetched in time");
      }
      Thread.sleep(5);
    }
    double seconds = (server.allFetchedAt() - start) / 1e9;
    // a refresh still storing when the next cycle's UPDATE comes would move its feed past that
    // cycle
    while (stillDue(database, due) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            stillDue(database, due) + " feeds fetched but their refresh never recorded");
      }
      Thread.sleep(20);
    }
    Thread.sleep(settle.toMillis());
    int most = 0;
    int fewest = Integer.MAX_VALUE;
    for (int k = 0; k < count; k++) {
      most = Math.max(most, server.fetches(k));
      fewest = Math.min(fewest, server.fetches(k));
    }
    System.err.printf(
        "bench: cluster: %d node(s) on %s: %d feeds in %.2f s, %d to %d requests each%n",
        nodes, database.dialect(), count, seconds, fewest, most);
    return new Cycle(seconds, most, fewest);
  }

  /** Feeds whose next poll is still the one the cycle gave them: their refresh is not recorded. */
  private static int stillDue(Database database, Instant due) {
    return database.withConnection(
        "count the feeds still due",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM feeds WHERE next_poll_at <= ?")) {
            ps.setLong(1, due.toEpochMilli());
            try (java.sql.ResultSet rows = ps.executeQuery()) {
              rows.next();
              return rows.getInt(1);
            }
          }
        });
  }

  private static void markDue(Database database, Instant when) {
    database.withConnection(
        "make every feed due",
        c -> {
          try (PreparedStatement ps = c.prepareStatement("UPDATE feeds SET next_poll_at = ?")) {
            ps.setLong(1, when.toEpochMilli());
            return ps.executeUpdate();
          }
        });
  }
}
