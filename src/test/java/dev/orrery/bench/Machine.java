package dev.orrery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on, for the notes under the table. */
final class Machine {
  private Machine() {}

  /**
   * @param loadAtStart the load average when the run began: above the CPU count, other processes
   *     took CPU from the run and its wall times (not its CPU times) read low
   */
  static List<String> describe(BenchOptions options, String loadAtStart) {
    return List.of(
        "Machine: "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs ("
            + cpuModel()
            + "), "
            + memory()
            + " RAM; load average (1, 5, 15 min) at the start "
            + loadAtStart
            + ", at the end "
            + loadAverage()
            + ".",
        "Java: "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + "; poll threads "
            + options.threads()
            + ", server threads "
            + options.serverThreads()
            + ".");
  }

  private static String cpuModel() {
    return firstValue(Path.of("/proc/cpuinfo"), "model name", "unknown CPU");
  }

  private static String memory() {
    String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal", null);
    if (kb == null) {
      return "unknown";
    }
    double gib = Long.parseLong(kb.replace("kB", "").strip()) / 1024.0 / 1024.0;
    return String.format(Locale.ROOT, "%.1f GiB", gib);
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String firstValue(Path file, String key, String fallback) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      return fallback;
    }
    return fallback;
  }
}
