package dev.orrery.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark command: runs every scenario against load it makes on loopback, prints one table
 * and writes it to {@code <out>/bench-results.md}. Run with {@code mvn -B -Pbench test-compile
 * exec:exec} (see BENCHMARKS.md).
 */
public final class Bench {
  /**
   * The scenarios in the order they run: items 1 to 3, then 4 (delivery), 5 (latency), 6
   * (start-up), the fan-out, 11 (several nodes) and the peers' parsers.
   */
  static List<Scenario> scenarios() {
    return List.of(
        new FeedCycleScenario(),
        new DeliveryScenario(),
        new LatencyScenario(),
        new StartupScenario(),
        new FanOutScenario(),
        new ClusterScenario(),
        new PeersScenario());
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    String loadAtStart = Machine.loadAverage();
    ResultTable table = new ResultTable();
    for (Scenario scenario : scenarios()) {
      if (options.runs(scenario.name())) {
        scenario.run(options, table);
      }
    }
    Machine.describe(options, loadAtStart).forEach(table::note);
    String report =
        "# Orrery benchmark, "
            + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .format(ZonedDateTime.now(ZoneOffset.UTC))
            + "\n\n"
            + table.markdown();
    System.out.println();
    System.out.println(report);
    Files.createDirectories(options.out());
    Path file = options.out().resolve("bench-results.md");
    Files.writeString(file, report, StandardCharsets.UTF_8);
    System.out.println("Written to " + file);
  }
}
