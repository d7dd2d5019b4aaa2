package dev.orrery.bench;

import dev.orrery.config.Config;
import dev.orrery.config.Secret;
import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.PollCluster;
import dev.orrery.poll.PollSchedule;
import dev.orrery.poll.PollScheduler;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.store.Admission;
import dev.orrery.store.Database;
import dev.orrery.store.EntryStore;
import dev.orrery.store.FeedStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;

/**
 * One measured node of the cluster scenario, in a JVM of its own: the feed half wired as {@link
 * PollCycles} wires it, polling a database its parent filled and marks due. On PostgreSQL it polls
 * with the other nodes through {@link PollScheduler#clustered}, from start to stop; on SQLite it
 * polls alone, and since a lone node reads the due times only when its scheduler starts, it starts
 * a new one at each {@code cycle} line. It prints {@code ready} when it polls, and at {@code stop}
 * (or the end of its input) its refreshes as properties.
 *
 * <p>Arguments: {@code <JDBC URL> <user or -> <password or -> <node name> <threads> <partitions>}.
 */
public final class ClusterPollNode {
  static final String READY = "ready";
  static final String CYCLE = "cycle";
  static final String STOP = "stop";

  private ClusterPollNode() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Config.Database settings =
        args[1].equals("-")
            ? new Config.Database(url, PollCycles.POOL_SIZE)
            : new Config.Database(url, PollCycles.POOL_SIZE, args[1], new Secret(args[2]));
    String node = args[3];
    int threads = Integer.parseInt(args[4]);
    int partitions = Integer.parseInt(args[5]);
    InstantSource clock = InstantSource.system();
    LongAdder refreshed = new LongAdder();
    LongAdder failed = new LongAdder();
    Database database = Database.open(settings);
    FeedStore feeds = new FeedStore(database);
    FeedFetcher fetcher =
        new FeedFetcher(
            new FetcherSettings(
                "OrreryBench/1",
                PollCycles.TIMEOUT,
                PollCycles.MAX_BYTES,
                true,
                PollCycles.REQUESTS_PER_HOST));
    PollSchedule schedule =
        new PollSchedule(Duration.ofMinutes(10), Duration.ofMinutes(1), new Random());
    FeedRefresher refresher =
        new FeedRefresher(
            fetcher,
            new FeedParser(),
            new EntryNormalizer(PollCycles.SUMMARY_LENGTH),
            feeds,
            new EntryStore(database, PollCycles.MAX_PER_POLL, Admission.EVERYTHING, true),
            schedule,
            new Catalogue(Map.of()),
            clock);
    refresher.addListener(
        outcome -> (outcome instanceof RefreshOutcome.Failed ? failed : refreshed).increment());
    boolean clustered = url.startsWith("jdbc:postgresql:");
    PollScheduler scheduler = null;
    if (clustered) {
      scheduler =
          PollScheduler.clustered(
              feeds,
              refresher,
              schedule,
              threads,
              clock,
              new PollCluster(database.dataSource(), node, partitions));
      scheduler.start();
    }
    System.out.println(READY);
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals(STOP); line = in.readLine()) {
      if (line.equals(CYCLE) && !clustered) {
        if (scheduler != null) {
          scheduler.close();
        }
        scheduler = new PollScheduler(feeds, refresher, schedule, threads, false, clock);
        scheduler.start();
      }
    }
    if (scheduler != null) {
      scheduler.close();
    }
    Properties out = new Properties();
    out.setProperty("refreshed", Long.toString(refreshed.sum()));
    out.setProperty("failed", Long.toString(failed.sum()));
    out.store(System.out, "Orrery cluster node " + node);
    System.out.flush();
    fetcher.close();
    database.close();
    // Quartz and OkHttp leave non-daemon threads behind; the figures are out, so end here.
    System.exit(0);
  }
}
