package dev.orrery.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bench's command line.
 *
 * @param feeds the feed counts to run the feed cycles at, each in a JVM of its own; the cluster
 *     scenario runs at the largest
 * @param threads poll threads, as {@code poll.threads} (default 4) and the load loops' connections
 * @param serverThreads the loopback server's handler threads
 * @param childJvmOptions options of the measured JVMs (feed cycles, start-up); by default those the
 *     product ships with (the Dockerfile's ENTRYPOINT), none with {@code --child-jvm none}
 * @param jfr record a JFR profile of each measured JVM into the output folder
 * @param limitSeconds how long each round of ROME's raw parse rate lasts (rounds go on until the
 *     rate stops rising)
 * @param out where bench-results.md (and JFR files, child logs) go
 * @param only the scenarios to run, by name; empty means all
 * @param channels the channel counts the delivery scenario spreads its 1,000 messages over
 */
public record BenchOptions(
    List<Integer> feeds,
    int threads,
    int serverThreads,
    List<String> childJvmOptions,
    boolean jfr,
    double limitSeconds,
    Path out,
    List<String> only,
    List<Integer> channels) {

  /** The names {@code --only} accepts, as {@link Scenario#name()} gives them. */
  static final List<String> SCENARIOS =
      List.of("feed", "delivery", "latency", "startup", "fanout", "cluster", "peers");

  static final String USAGE =
      String.join(
          "\n",
          "options: --feeds 1000,10000   feed counts (each runs in a fresh JVM and database)",
          "         --threads 4          poll threads (poll.threads) and load-loop connections",
          "         --server-threads 8   loopback server handler threads",
          "         --child-jvm \"-Xmx256m ...\"  options of the measured JVMs (default: the Dockerfile's;",
          "                              none: the JVM's own defaults)",
          "         --jfr                record a JFR profile of each measured JVM",
          "         --limit-seconds 5    how long a round of ROME's raw parse rate lasts",
          "         --out target         where bench-results.md goes",
          "         --only feed,delivery,latency,startup,fanout,cluster,peers  run only the named"
              + " scenarios",
          "         --channels 100       channel counts the delivery's 1,000 messages are spread over");

  /** Parses the arguments; throws IllegalArgumentException with the usage on a bad one. */
  public static BenchOptions parse(String... args) {
    List<Integer> feeds = List.of(1_000, 10_000);
    int threads = 4;
    Integer serverThreads = null;
    List<String> child = null;
    boolean jfr = false;
    double limitSeconds = 5;
    Path out = Path.of("target");
    List<String> only = List.of();
    List<Integer> channels = List.of(100);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.isBlank()) {
        continue; // an empty -Dbench.args arrives as one empty argument
      }
      switch (arg) {
        case "--feeds" ->
            feeds =
                Arrays.stream(value(args, ++i, arg).split(","))
                    .map(s -> Integer.parseInt(s.strip().replace("_", "")))
                    .toList();
        case "--threads" -> threads = Integer.parseInt(value(args, ++i, arg));
        case "--server-threads" -> serverThreads = Integer.parseInt(value(args, ++i, arg));
        case "--child-jvm" -> {
          String jvm = value(args, ++i, arg);
          child = jvm.strip().equals("none") ? List.of() : split(jvm);
        }
        case "--jfr" -> jfr = true;
        case "--limit-seconds" -> limitSeconds = Double.parseDouble(value(args, ++i, arg));
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--channels" ->
            channels =
                Arrays.stream(value(args, ++i, arg).split(","))
                    .map(v -> Integer.parseInt(v.strip()))
                    .toList();
        case "--only" -> only = split(value(args, ++i, arg).replace(',', ' '));
        default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
      }
    }
    if (threads < 1
        || feeds.stream().anyMatch(n -> n < 1)
        || channels.stream().anyMatch(n -> n < 1 || n > 1_000)) {
      throw new IllegalArgumentException(
          "--threads and --feeds must be positive, --channels 1 to 1,000\n" + USAGE);
    }
    List<String> unknown = only.stream().filter(name -> !SCENARIOS.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "--only: unknown scenario "
              + String.join(", ", unknown)
              + "; the scenarios: "
              + String.join(", ", SCENARIOS)
              + "\n"
              + USAGE);
    }
    return new BenchOptions(
        feeds,
        threads,
        serverThreads != null ? serverThreads : Math.max(4, 2 * threads),
        child != null ? child : ProductJvm.options(),
        jfr,
        limitSeconds,
        out,
        only,
        channels);
  }

  boolean runs(String scenario) {
    return only.isEmpty() || only.contains(scenario);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static List<String> split(String value) {
    List<String> parts = new ArrayList<>();
    for (String part : value.strip().split("\\s+")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }
}
