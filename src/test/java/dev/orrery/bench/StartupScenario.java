package dev.orrery.bench;

import dev.orrery.app.Main;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.Guild;
import dev.orrery.emulator.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Item 6 of the benchmark: {@code orrery run} as a process of its own, with the product's JVM
 * options, against the emulator in this JVM: from process start to the gateway IDENTIFY and to the
 * command registration (sent once JDA is READY with every server loaded), then its RSS once idle.
 */
public final class StartupScenario implements Scenario {
  static final int RUNS = 3;
  static final double TARGET_SECONDS = 3;
  static final Duration SETTLE = Duration.ofSeconds(10);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final double MB = 1024 * 1024;

  /** One start. */
  record Start(
      double firstRequest, double identify, double ready, double cpu, long idleRss, long peakRss) {}

  @Override
  public String name() {
    return "startup";
  }

  @Override
  public void run(BenchOptions options, ResultTable table) throws Exception {
    List<String> jvm = options.childJvmOptions();
    List<Start> starts = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      System.err.printf("bench: startup: run %d of %d%n", run, RUNS);
      starts.add(once(jvm, options.out().resolve("startup-" + run + ".log")));
    }
    String s = "start-up, `orrery run`";
    double[] ready = starts.stream().mapToDouble(Start::ready).toArray();
    Percentiles readyP = new Percentiles(ready);
    table.info(
        s,
        "process start to first REST request, median",
        median(starts.stream().mapToDouble(Start::firstRequest).toArray()),
        "s");
    table.info(
        s,
        "process start to IDENTIFY, median",
        median(starts.stream().mapToDouble(Start::identify).toArray()),
        "s");
    table.atMost(
        s,
        "process start to READY (commands registered), median",
        median(ready),
        "s",
        TARGET_SECONDS);
    table.info(s, "process start to READY, slowest of " + RUNS, readyP.max(), "s");
    table.info(
        s,
        "CPU time to READY, median",
        median(starts.stream().mapToDouble(Start::cpu).toArray()),
        "s");
    table.info(
        s,
        "idle RSS " + SETTLE.toSeconds() + " s after READY, median",
        median(starts.stream().mapToDouble(st -> st.idleRss() / MB).toArray()),
        "MB");
    table.info(
        s,
        "peak RSS up to then, median",
        median(starts.stream().mapToDouble(st -> st.peakRss() / MB).toArray()),
        "MB");
    table.note(
        "Start-up: "
            + RUNS
            + " runs of `Main run` (classes from the build's folders, not the shaded jar),"
            + " each with a fresh SQLite file (migrations included), with `"
            + String.join(" ", jvm)
            + "`; timed from just before the process is spawned. IDENTIFY is the gateway login;"
            + " READY is the command registration (PUT applications/*/commands), which the bot"
            + " sends once JDA is ready with its servers loaded. Each run's figures: "
            + starts.stream().map(st -> ResultTable.format(st.ready()) + " s").toList()
            + ".");
  }

  private Start once(List<String> jvm, Path log) throws Exception {
    Path dir = Files.createTempDirectory("orrery-bench-startup");
    try (DiscordEmulator discord = DiscordEmulator.start()) {
      Guild guild = discord.createGuild("Bench");
      discord.createTextChannel(guild, "news");
      Path config = BotConfig.write(dir, discord);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvm);
      command.add("-Dlogback.configurationFile=logback.xml");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
      command.addAll(List.of("run", "--config", config.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      long t0 = System.nanoTime();
      Instant start = Instant.now();
      Process process = builder.start();
      try {
        CompletableFuture<Long> identified =
            CompletableFuture.supplyAsync(
                () -> {
                  discord.awaitIdentifies(1, WAIT);
                  return System.nanoTime();
                });
        RecordedRequest registration =
            discord.awaitRequests("PUT applications/*/commands", 1, WAIT).get(0);
        double cpuAtReady =
            process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
        double identify = (identified.get(WAIT.toSeconds(), TimeUnit.SECONDS) - t0) / 1e9;
        RecordedRequest first = discord.requests().get(0);
        Thread.sleep(SETTLE.toMillis());
        long rss = statusBytes(process.pid(), "VmRSS:");
        long peak = statusBytes(process.pid(), "VmHWM:");
        process.destroy(); // SIGTERM: the bot logs out and exits 0
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IllegalStateException("orrery run did not stop cleanly; its log: " + log);
        }
        return new Start(
            DeliveryScenario.seconds(start, first.receivedAt()),
            identify,
            DeliveryScenario.seconds(start, registration.receivedAt()),
            cpuAtReady,
            rss,
            peak);
      } finally {
        process.destroyForcibly();
      }
    } finally {
      DeliveryScenario.delete(dir);
    }
  }

  private static long statusBytes(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).replace("kB", "").strip()) * 1024;
      }
    }
    return -1;
  }

  private static double median(double[] values) {
    return new Percentiles(values).at(50);
  }
}
