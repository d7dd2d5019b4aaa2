package dev.orrery.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * The time of one parse, in the fastest of several rounds: wall time, and the CPU time of the whole
 * process (its collector's and compiler's threads too). On a shared machine the fastest round is
 * the one other processes slowed least, and CPU time is what they change least.
 */
record ParseTime(double wallMs, double cpuMs) {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * Times {@code work} in this JVM: {@code warmup} runs, then {@code rounds} rounds of {@code
   * perRound} runs, the fastest round's figures each divided by {@code perRound}.
   */
  static ParseTime of(Supplier<?> work, int warmup, int rounds, int perRound) {
    for (int i = 0; i < warmup; i++) {
      use(work.get());
    }
    double wall = Double.POSITIVE_INFINITY;
    double cpu = Double.POSITIVE_INFINITY;
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      long cpuStart = OS.getProcessCpuTime();
      for (int i = 0; i < perRound; i++) {
        use(work.get());
      }
      cpu = Math.min(cpu, (OS.getProcessCpuTime() - cpuStart) / 1e6 / perRound);
      wall = Math.min(wall, (System.nanoTime() - start) / 1e6 / perRound);
    }
    return new ParseTime(wall, cpu);
  }

  /** Looks at a result, so that the JIT cannot drop the work that made it. */
  private static void use(Object result) {
    if (result == null) {
      throw new IllegalStateException("no result");
    }
  }
}
