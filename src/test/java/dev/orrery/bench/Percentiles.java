package dev.orrery.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of measurements (say latencies in milliseconds). */
public final class Percentiles {
  private final double[] sorted;

  public Percentiles(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no measurements");
    }
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  /** The smallest value with at least {@code p} percent of the values at or below it. */
  public double at(double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  public double max() {
    return sorted[sorted.length - 1];
  }

  public int count() {
    return sorted.length;
  }
}
