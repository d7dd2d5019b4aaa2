package dev.orrery.feed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Counts, sizes and durations written the way a person reads them: "1 entry", "5 MB", "20 s". */
public final class Readable {
  private static final long KB = 1024;
  private static final long MB = 1024 * KB;

  private Readable() {}

  /** "1 entry", "3 entries". */
  public static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  static String bytes(long bytes) {
    if (bytes >= MB) {
      return decimal(bytes, MB) + " MB";
    } else if (bytes >= KB) {
      return decimal(bytes, KB) + " KB";
    }
    return count(bytes, "byte", "bytes");
  }

  static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    return decimal(millis, 1000) + " s";
  }

  /**
   * A duration rounded the way a person says it: "45 s", "20 min", "1.5 h", "3 days", "2 months".
   */
  public static String roughly(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return Math.round(seconds / 60.0) + " min";
    }
    if (seconds < 48 * 3600) {
      return decimal(seconds, 3600) + " h";
    }
    if (seconds < 60 * 86_400) {
      return Math.round(seconds / 86_400.0) + " days";
    }
    long months = Math.round(seconds / (30 * 86_400.0));
    return months < 24 ? months + " months" : Math.round(seconds / (365 * 86_400.0)) + " years";
  }

  // One decimal at most, and none when it is zero: "5", "1.5".
  private static String decimal(long value, long unit) {
    return BigDecimal.valueOf(value)
        .divide(BigDecimal.valueOf(unit), 1, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
