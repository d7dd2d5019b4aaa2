package dev.orrery.bench;

import dev.orrery.config.Config;
import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.PollSchedule;
import dev.orrery.poll.PollScheduler;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.poll.UnchangedPolls;
import dev.orrery.store.Admission;
import dev.orrery.store.Database;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The measured side, run in a JVM of its own so its RSS is Orrery's alone: the feed half wired as
 * {@code FeedSide} wires it (real SQLite file, stores, fetcher, refresher, Quartz {@link
 * PollScheduler}) with the product's defaults, polling every feed of a {@link FeedLoadServer} in
 * four cycles: cold, 304, same body, 1% grown; and the cold one again on a database of its own, in
 * the warmed JVM. Prints the figures as properties on stdout.
 *
 * <p>Arguments: {@code <server base URL> <feeds> <threads> <database folder>}.
 */
public final class PollCycles implements AutoCloseable {
  /** The product's defaults (bot.properties.example). */
  static final int POOL_SIZE = 4;

  static final int MAX_PER_POLL = 5;
  static final int SUMMARY_LENGTH = 350;
  static final long MAX_BYTES = 5L << 20;
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** FeedSide's per-host limit: every bench feed is on 127.0.0.1, as planets share hosts. */
  static final int REQUESTS_PER_HOST = 4;

  /** Channels the feeds are spread over, one subscription per feed. */
  static final int CHANNELS = 100;

  private final URI server;
  private final int count;
  private final int threads;
  private final InstantSource clock = InstantSource.system();
  private final Database database;
  private final FeedStore feeds;
  private final FeedFetcher fetcher;
  private final FeedRefresher refresher;
  private final UnchangedPolls unchanged;
  private final PollSchedule schedule;
  private final ProcessProbe probe = new ProcessProbe();
  private final AtomicReference<Tally> tally = new AtomicReference<>();

  /** The largest RSS seen so far: the kernel's peak is reset for each cycle. */
  private long processPeakRss;

  PollCycles(URI server, int count, int threads, Path folder) {
    this.server = server;
    this.count = count;
    this.threads = threads;
    this.database =
        Database.open(new Config.Database("jdbc:sqlite:" + folder.resolve("orrery.db"), POOL_SIZE));
    this.feeds = new FeedStore(database);
    EntryStore entries = new EntryStore(database, MAX_PER_POLL, Admission.EVERYTHING, true);
    this.fetcher =
        new FeedFetcher(
            new FetcherSettings("OrreryBench/1", TIMEOUT, MAX_BYTES, true, REQUESTS_PER_HOST));
    this.schedule = new PollSchedule(Duration.ofMinutes(10), Duration.ofMinutes(1), new Random());
    // as FeedSide batches them
    this.unchanged = new UnchangedPolls(feeds, 256, Duration.ofSeconds(1));
    this.refresher =
        new FeedRefresher(
            fetcher,
            new FeedParser(),
            new EntryNormalizer(SUMMARY_LENGTH),
            feeds,
            entries,
            schedule,
            new Catalogue(Map.of()),
            clock,
            unchanged);
    refresher.addListener(outcome -> tally.get().add(outcome));
    SubscriptionStore subscriptions = new SubscriptionStore(database);
    for (int k = 0; k < count; k++) {
      Feed feed =
          feeds.findOrCreate(server.resolve(FeedLoadServer.path(k)).toString(), clock.instant());
      subscriptions.create(1, 1_000 + k % CHANNELS, feed.id(), null, null, clock.instant());
    }
  }

  public static void main(String[] args) throws Exception {
    URI server = URI.create(args[0]);
    Properties out = new Properties();
    try (PollCycles cycles =
        new PollCycles(
            server, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]))) {
      out.setProperty("jvm.maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
      out.setProperty(
          "jvm.args",
          String.join(
              " ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
      cycles.run("cold", "mode=conditional").writeTo(out);
      // The same first poll of feeds never seen, now that the JIT has compiled the code: the
      // cold cycle of a fresh JVM spends about a third of its CPU compiling, which the ceiling
      // it is compared with (ROME's parse rate, measured after a warm-up) does not.
      Path again = Files.createDirectories(Path.of(args[3]).resolve("again"));
      try (PollCycles warmed =
          new PollCycles(server, Integer.parseInt(args[1]), Integer.parseInt(args[2]), again)) {
        warmed.run("coldWarmed", "mode=conditional").writeTo(out);
      }
      cycles.run("notModified", "mode=conditional").writeTo(out);
      cycles.run("sameBody", "mode=ignore-validators").writeTo(out);
      cycles.control("mode=conditional");
      cycles.run("grew", "grow=1").writeTo(out);
      out.setProperty("process.peakRssBytes", Long.toString(cycles.processPeakRss()));
    }
    out.store(System.out, "Orrery poll cycles");
    System.out.flush();
    // Quartz and OkHttp leave non-daemon threads behind; the figures are out, so end here.
    System.exit(0);
  }

  /**
   * One full cycle: every feed due now, the real scheduler started, done when all have reported.
   */
  CycleResult run(String name, String serverControl) throws IOException, InterruptedException {
    control(serverControl);
    unchanged.flush(); // the last cycle's, before every feed is made due again
    markAllDue();
    System.gc();
    processPeakRss();
    probe.resetPeaks();
    Tally cycle = new Tally(count);
    tally.set(cycle);
    // Created before the clock starts: in the bot the scheduler exists once, not once per cycle.
    try (PollScheduler scheduler =
        new PollScheduler(feeds, refresher, schedule, threads, false, clock)) {
      long cpu = probe.cpuNanos();
      long start = System.nanoTime();
      // start() makes a job per poll thread, then fires them: counted in the cycle, it is small
      scheduler.start();
      long started = System.nanoTime() - start;
      if (!cycle.done.await(Math.max(300, count / 10), TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            name
                + ": only "
                + (count - cycle.done.getCount())
                + " of "
                + count
                + " feeds polled in time");
      }
      long wall = System.nanoTime() - start;
      CycleResult result =
          new CycleResult(
              name,
              count,
              wall,
              started,
              probe.cpuNanos() - cpu,
              probe.peakHeapBytes(),
              ProcessProbe.peakRssBytes(),
              cycle.updated.get(),
              cycle.notModified.get(),
              cycle.sameBody.get(),
              cycle.failed.get(),
              cycle.entries.get(),
              cycle.deliveries.get());
      System.err.printf(
          "bench: %s: %d feeds in %.2f s (scheduler start %.0f ms)%n",
          name, count, result.seconds(), started / 1e6);
      return result;
    }
  }

  /** The largest RSS of this process so far, cycles and set-up alike. */
  long processPeakRss() {
    processPeakRss = Math.max(processPeakRss, ProcessProbe.peakRssBytes());
    return processPeakRss;
  }

  /** Tells the load server how to answer: the server lives in the parent process. */
  String control(String query) throws IOException {
    try (InputStream in = server.resolve("/control?" + query).toURL().openStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private void markAllDue() {
    database.withConnection("make every feed due", c -> update(c, clock.instant().toEpochMilli()));
  }

  private static int update(Connection c, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE feeds SET next_poll_at = ?")) {
      ps.setLong(1, now);
      return ps.executeUpdate();
    }
  }

  @Override
  public void close() {
    unchanged.close();
    probe.close();
    fetcher.close();
    database.close();
  }

  /** What one cycle's refreshes came to, counted as they are reported. */
  private static final class Tally {
    final CountDownLatch done;
    final AtomicInteger updated = new AtomicInteger();
    final AtomicInteger notModified = new AtomicInteger();
    final AtomicInteger sameBody = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicLong entries = new AtomicLong();
    final AtomicLong deliveries = new AtomicLong();

    Tally(int count) {
      done = new CountDownLatch(count);
    }

    void add(RefreshOutcome outcome) {
      if (outcome instanceof RefreshOutcome.Updated u) {
        updated.incrementAndGet();
        entries.addAndGet(u.record().inserted().size());
        deliveries.addAndGet(u.record().pending() + u.record().skipped());
      } else if (outcome instanceof RefreshOutcome.Unchanged u) {
        (u.notModified() ? notModified : sameBody).incrementAndGet();
      } else {
        failed.incrementAndGet();
      }
      done.countDown();
    }
  }
}
