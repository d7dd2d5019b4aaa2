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

  // One decimal at most, and none when it is zero: "5", "1.5".
  private static String decimal(long value, long unit) {
    return BigDecimal.valueOf(value)
        .divide(BigDecimal.valueOf(unit), 1, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
