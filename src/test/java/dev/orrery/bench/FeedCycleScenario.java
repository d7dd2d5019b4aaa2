package dev.orrery.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Items 1 to 3 of the benchmark: for each feed count, the limits (raw HTTP request rate against the
 * loopback server, ROME's raw parse rate), then Orrery's four poll cycles measured in a forked JVM
 * ({@link PollCycles}), each rate also given as a fraction of its limit.
 */
public final class FeedCycleScenario implements Scenario {
  /** The targets are set for this many feeds; other counts are reported without verdict. */
  static final int TARGET_FEEDS = 10_000;

  static final double COLD_SECONDS = 60;
  static final double NOT_MODIFIED_RATE = 3_000;
  static final double SAME_BODY_RATE = 1_500;
  static final double RSS_MB = 350;
  private static final double MB = 1024 * 1024;

  private final SyntheticFeeds generator = SyntheticFeeds.fromFixtures();

  @Override
  public String name() {
    return "feed";
  }

  @Override
  public void run(BenchOptions options, ResultTable table) throws Exception {
    for (int count : options.feeds()) {
      runAt(count, options, table);
    }
    table.note(
        "Feeds: "
            + SyntheticFeeds.ENTRIES
            + " entries each, about "
            + Math.round(generator.body(0, 0).length / 1024.0)
            + " KB, made of the planet fixtures' HTML;"
            + " one subscription per feed over "
            + PollCycles.CHANNELS
            + " channels.");
    table.note(
        "Targets apply at "
            + String.format(Locale.ROOT, "%,d", TARGET_FEEDS)
            + " feeds; rows at other counts carry no verdict.");
  }

  private void runAt(int count, BenchOptions options, ResultTable table) throws Exception {
    String n = String.format(Locale.ROOT, "%,d", count);
    System.err.printf("bench: %s feeds: limits%n", n);
    double raw200;
    double raw304;
    double rome;
    double romeFresh;
    Properties measured;
    try (FeedLoadServer server = new FeedLoadServer(generator, count, options.serverThreads())) {
      try (HttpLoadLoop loop = new HttpLoadLoop(server, options.threads())) {
        loop.warm(1_000, options.threads());
        raw200 = loop.rate(options.threads(), false);
        raw304 = loop.rate(options.threads(), true);
      }
      rome =
          new RomeParseRate(generator, Math.min(count, 200))
              .rate(options.threads(), options.limitSeconds());
      romeFresh =
          RomeFreshRate.measure(
              generator,
              count,
              options.threads(),
              options.childJvmOptions(),
              options.out().resolve("rome-fresh-" + count + ".log"));
      System.err.printf("bench: %s feeds: poll cycles in a forked JVM%n", n);
      measured = measure(server, count, options);
    }
    boolean targets = count == TARGET_FEEDS;
    CycleResult cold = CycleResult.readFrom(measured, "cold");
    CycleResult coldWarmed = CycleResult.readFrom(measured, "coldWarmed");
    CycleResult notModified = CycleResult.readFrom(measured, "notModified");
    CycleResult sameBody = CycleResult.readFrom(measured, "sameBody");
    CycleResult grew = CycleResult.readFrom(measured, "grew");

    String s = "cold cycle, " + n + " feeds";
    limit(table, targets, s, "wall time", cold.seconds(), "s", COLD_SECONDS);
    table.info(s, "feeds/s", cold.feedsPerSecond(), "feeds/s");
    table.info(s, "entries/s", cold.entriesPerSecond(), "entries/s");
    table.info(s, "CPU time", cold.cpuNanos() / 1e9, "s");
    table.info(s, "CPU per feed", cold.cpuNanos() / 1e6 / count, "ms");
    table.info(s, "peak heap used", cold.peakHeapBytes() / MB, "MB");
    limit(table, targets, s, "peak RSS", cold.peakRssBytes() / MB, "MB", RSS_MB);
    table.info(s, "of raw HTTP rate", cold.feedsPerSecond() / raw200, "×");
    table.info(s, "of ROME parse rate", cold.feedsPerSecond() / rome, "×");
    table.info(s, "of ROME parse rate in a fresh JVM", cold.feedsPerSecond() / romeFresh, "×");

    s = "cold cycle after warm-up, " + n + " feeds";
    table.info(s, "feeds/s", coldWarmed.feedsPerSecond(), "feeds/s");
    table.info(s, "CPU per feed", coldWarmed.cpuNanos() / 1e6 / count, "ms");
    table.info(s, "of ROME parse rate", coldWarmed.feedsPerSecond() / rome, "×");

    s = "304 cycle, " + n + " feeds";
    floor(table, targets, s, "feeds/s", notModified.feedsPerSecond(), "feeds/s", NOT_MODIFIED_RATE);
    table.info(s, "of raw HTTP 304 rate", notModified.feedsPerSecond() / raw304, "×");
    table.info(s, "answered 304", notModified.notModified(), "feeds");
    table.info(s, "of the wall time: scheduler start", notModified.startNanos() / 1e9, "s");
    table.info(s, "CPU per feed", notModified.cpuNanos() / 1e6 / count, "ms");

    s = "same-body cycle, " + n + " feeds";
    floor(table, targets, s, "feeds/s", sameBody.feedsPerSecond(), "feeds/s", SAME_BODY_RATE);
    table.info(s, "of raw HTTP rate", sameBody.feedsPerSecond() / raw200, "×");
    table.atMost(s, "feeds parsed", sameBody.updated(), "feeds", 0);
    table.info(s, "CPU per feed", sameBody.cpuNanos() / 1e6 / count, "ms");

    s = "1% grew cycle, " + n + " feeds";
    table.info(s, "feeds/s", grew.feedsPerSecond(), "feeds/s");
    table.info(s, "new entries", grew.entries(), "entries");
    table.info(s, "deliveries queued", grew.deliveries(), "deliveries");

    s = "all cycles, " + n + " feeds";
    long failed =
        Stream.of(cold, coldWarmed, notModified, sameBody, grew)
            .mapToLong(CycleResult::failed)
            .sum();
    table.atMost(s, "failed refreshes", failed, "feeds", 0);
    limit(
        table,
        targets,
        s,
        "peak RSS of the process",
        Long.parseLong(measured.getProperty("process.peakRssBytes")) / MB,
        "MB",
        RSS_MB);
    table.info(
        s,
        "max heap of the measured JVM",
        Long.parseLong(measured.getProperty("jvm.maxHeapBytes")) / MB,
        "MB");

    s = "limits, " + n + " feeds";
    table.info(s, "raw HTTP 200 rate (" + options.threads() + " connections)", raw200, "req/s");
    table.info(s, "raw HTTP 304 rate (" + options.threads() + " connections)", raw304, "req/s");
    table.info(s, "ROME raw parse rate (" + options.threads() + " threads)", rome, "feeds/s");
    table.info(
        s,
        "ROME raw parse rate in a fresh JVM, each feed once (" + options.threads() + " threads)",
        romeFresh,
        "feeds/s");

    String args = measured.getProperty("jvm.args", "");
    table.note(
        "Measured JVM at " + n + " feeds: `" + (args.isBlank() ? "(no options)" : args) + "`.");
  }

  private Properties measure(FeedLoadServer server, int count, BenchOptions options)
      throws Exception {
    Files.createDirectories(options.out());
    Path folder = Files.createTempDirectory("orrery-bench-db");
    try {
      List<String> jvm = new ArrayList<>(options.childJvmOptions());
      if (options.jfr()) {
        jvm.add(
            "-XX:StartFlightRecording=settings=profile,filename="
                + options.out().resolve("poll-cycles-" + count + ".jfr").toAbsolutePath());
      }
      return ForkedJvm.run(
          PollCycles.class,
          jvm,
          List.of(
              server.base().toString(),
              Integer.toString(count),
              Integer.toString(options.threads()),
              folder.toString()),
          options.out().resolve("poll-cycles-" + count + ".log"),
          Math.max(900, count / 5L));
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void limit(
      ResultTable table,
      boolean targets,
      String s,
      String figure,
      double value,
      String unit,
      double limit) {
    if (targets) {
      table.atMost(s, figure, value, unit, limit);
    } else {
      table.info(s, figure, value, unit);
    }
  }

  private static void floor(
      ResultTable table,
      boolean targets,
      String s,
      String figure,
      double value,
      String unit,
      double floor) {
    if (targets) {
      table.atLeast(s, figure, value, unit, floor);
    } else {
      table.info(s, figure, value, unit);
    }
  }
}
