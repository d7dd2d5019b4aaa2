package dev.orrery.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Competing work for a run: one busy shell loop per CPU, as another process on a shared machine
 * would be, so the run's threads wait for a CPU before they run.
 */
final class CpuLoad implements AutoCloseable {
  private final List<Process> loops = new ArrayList<>();

  private CpuLoad() {}

  /** Starts one busy loop per CPU the JVM sees. */
  static CpuLoad saturate() throws IOException {
    CpuLoad load = new CpuLoad();
    try {
      for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
        load.loops.add(
            new ProcessBuilder("sh", "-c", "while :; do :; done")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start());
      }
    } catch (IOException e) {
      load.close();
      throw e;
    }
    return load;
  }

  int processes() {
    return loops.size();
  }

  /** How many of the loops are still running. */
  long running() {
    return loops.stream().filter(Process::isAlive).count();
  }

  /** Stops the loops this started, each by its own process handle. */
  @Override
  public void close() {
    for (Process loop : loops) {
      loop.destroyForcibly();
    }
    for (Process loop : loops) {
      try {
        loop.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
