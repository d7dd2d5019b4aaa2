package dev.orrery.bench;

import dev.orrery.config.Config;
import dev.orrery.poll.PollSchedule;
import dev.orrery.store.EmbeddedPostgresql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Item 11 of the benchmark: the largest {@code --feeds} count polled by one, two and three nodes
 * (each a JVM of its own) on one PostgreSQL database, and by one node on SQLite for comparison: the
 * cold and 304 cycle times, each also as a ratio to SQLite's, and the most and fewest requests any
 * feed had in a cycle, which must be one: the nodes share the feeds, they do not each poll them.
 * Then {@link ClusterDelivery}: 1,000 messages posted by two nodes, one on each shard.
 */
public final class ClusterScenario implements Scenario {
  /** The product's default {@code poll.partitions} (bot.properties.example). */
  static final int PARTITIONS = 64;

  static final List<Integer> NODES = List.of(1, 2, 3);

  /**
   * How often a partition job looks for due feeds at the product's one-minute {@code
   * poll.min-interval}: PollSchedule's sweep.
   */
  static final Duration SWEEP =
      new PollSchedule(Duration.ofMinutes(10), Duration.ofMinutes(1), new Random()).sweep();

  /** Three sweeps: a feed polled twice for one due time would be polled again by then. */
  static final Duration SETTLE = SWEEP.multipliedBy(3);

  /** The delivery part's channels, half on each of two shards. */
  static final int DELIVERY_CHANNELS = 100;

  private final SyntheticFeeds generator = SyntheticFeeds.fromFixtures();

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public void run(BenchOptions options, ResultTable table) throws Exception {
    int count = options.feeds().stream().max(Integer::compare).orElseThrow();
    String n = String.format(Locale.ROOT, "%,d", count);
    Files.createDirectories(options.out());
    Path folder = Files.createTempDirectory("orrery-bench-cluster");
    try (FeedLoadServer server = new FeedLoadServer(generator, count, options.serverThreads())) {
      System.err.printf("bench: cluster: %s feeds on SQLite, one node%n", n);
      Config.Database sqlite =
          new Config.Database(
              "jdbc:sqlite:" + folder.resolve("orrery.db").toAbsolutePath(), PollCycles.POOL_SIZE);
      ClusterRun.fill(sqlite, server);
      ClusterRun.Outcome alone = run(sqlite, 1, options, SETTLE).measure(server);
      report(table, "cluster, " + n + " feeds, SQLite, 1 node", alone, null);

      System.err.printf("bench: cluster: %s feeds on PostgreSQL%n", n);
      Config.Database filled = EmbeddedPostgresql.settings(PollCycles.POOL_SIZE);
      ClusterRun.fill(filled, server);
      for (int nodes : NODES) {
        Config.Database copy =
            new Config.Database(
                EmbeddedPostgresql.copyOf(filled.url()),
                PollCycles.POOL_SIZE,
                filled.username(),
                filled.password());
        ClusterRun.Outcome outcome = run(copy, nodes, options, SETTLE).measure(server);
        report(
            table,
            "cluster, " + n + " feeds, PostgreSQL, " + nodes + (nodes == 1 ? " node" : " nodes"),
            outcome,
            alone);
      }
      System.err.println("bench: cluster: delivery by two nodes");
      ClusterDelivery delivery =
          new ClusterDelivery(DeliveryScenario.FEEDS, DELIVERY_CHANNELS, options.threads());
      delivery.report(table, delivery.measure(folder));
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    table.note(
        "Cluster: each node a JVM of its own with the measured JVM's options, "
            + options.threads()
            + " poll threads (poll.threads), a pool of "
            + PollCycles.POOL_SIZE
            + " connections; poll.partitions "
            + PARTITIONS
            + " (both the product's defaults); PostgreSQL embedded on the same machine (fsync"
            + " off). A cycle runs from the one UPDATE that makes every feed due to the load"
            + " server's first request for the last feed; on PostgreSQL it includes the wait for"
            + " the next partition sweep (every "
            + SWEEP.toSeconds()
            + " s). Requests per feed are counted "
            + SETTLE.toSeconds()
            + " s after the cycle.");
    table.note(
        "Cluster delivery: 1,000 new entries (one a feed, ten feeds a channel) over "
            + DELIVERY_CHANNELS
            + " channels of two servers, one on each of Discord's two shards; two bots (the real"
            + " DiscordBot, deliverer and JDA, in the bench's JVM) on one PostgreSQL database, each"
            + " running the shard it leased and sending at its share of our global cap ("
            + DeliveryScenario.ourCap()
            + " requests in any 1.02 s, split between the live nodes). Both nodes refresh half the"
            + " feeds in the poll that finds"
            + " the entries; the time runs from its start to the last message, against the same"
            + " minimum as the delivery scenario's.");
  }

  /** One configuration, as the bench runs it. */
  static ClusterRun run(
      Config.Database settings, int nodes, BenchOptions options, Duration settle) {
    return new ClusterRun(
        settings,
        nodes,
        options.threads(),
        PARTITIONS,
        options.childJvmOptions(),
        options.out(),
        settle);
  }

  /**
   * @param alone the SQLite node's outcome, which the ratios are to; null for the SQLite row
   */
  static void report(
      ResultTable table, String s, ClusterRun.Outcome outcome, ClusterRun.Outcome alone) {
    cycle(table, s, "cold", outcome.cold(), alone == null ? null : alone.cold());
    cycle(table, s, "304", outcome.notModified(), alone == null ? null : alone.notModified());
    table.atMost(s, "failed refreshes", outcome.failed(), "feeds", 0);
  }

  private static void cycle(
      ResultTable table, String s, String name, ClusterRun.Cycle cycle, ClusterRun.Cycle alone) {
    table.info(s, name + " cycle", cycle.seconds(), "s");
    if (alone != null) {
      table.info(s, name + " cycle, of SQLite's", cycle.seconds() / alone.seconds(), "×");
    }
    table.atMost(s, name + " cycle: most requests for one feed", cycle.most(), "requests", 1);
    table.atLeast(s, name + " cycle: fewest requests for one feed", cycle.fewest(), "requests", 1);
  }
}
