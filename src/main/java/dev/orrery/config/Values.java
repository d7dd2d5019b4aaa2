package dev.orrery.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the value formats of the configuration: whole numbers, durations, byte sizes
 * and Discord IDs.
 *
 * <p>Numbers are ASCII digits only, without a sign (Java's own parsers also take {@code +} and the
 * digits of every script). A number too large for a {@code long} is not an error here but counts as
 * {@link Long#MAX_VALUE} (or the longest duration), so the caller's range check refuses it naming
 * the range, instead of it wrapping around into the range.
 */
public final class Values {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern DURATION = Pattern.compile("([0-9]+)[ \\t]*(ms|s|m|h|d)");
  private static final Pattern SIZE =
      Pattern.compile("([0-9]+)[ \\t]*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SNOWFLAKE = Pattern.compile("[0-9]{17,20}");
  private static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

  private Values() {}

  /** "42", "007"; {@link Long#MAX_VALUE} when too large to count; null when not such a number. */
  public static Long parseWholeNumber(String text) {
    String trimmed = text.trim();
    return DIGITS.matcher(trimmed).matches() ? digits(trimmed) : null;
  }

  /** "30s", "10m", "1h", "2d", "500ms"; null when the text is not such a duration. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    long n = digits(m.group(1));
    try {
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } catch (ArithmeticException e) {
      return LONGEST;
    }
  }

  /**
   * "5MB", "512KB", "1GB", "1048576"; units are powers of 1024. Null when not a size; {@link
   * Long#MAX_VALUE} when more bytes than a long counts.
   */
  public static Long parseSize(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    long n = digits(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    int shift =
        switch (unit) {
          case "KB" -> 10;
          case "MB" -> 20;
          case "GB" -> 30;
          default -> 0;
        };
    return n > Long.MAX_VALUE >> shift ? Long.MAX_VALUE : n << shift;
  }

  /** A Discord ID: 17 to 20 digits that fit 64 unsigned bits; null otherwise. */
  public static Long parseSnowflake(String text) {
    String trimmed = text.trim();
    if (!SNOWFLAKE.matcher(trimmed).matches()) {
      return null;
    }
    try {
      return Long.parseUnsignedLong(trimmed);
    } catch (NumberFormatException e) {
      return null; // 20 digits past 18446744073709551615
    }
  }

  /**
   * The first character of {@code text} that is not printable ASCII, as "U+00A0 NO-BREAK SPACE", or
   * null when there is none: a value that looks right can hold a digit of another script or an
   * invisible space, and a message must show which.
   */
  public static String notPlainAscii(String text) {
    return text.codePoints()
        .filter(c -> c < 0x20 || c > 0x7e)
        .mapToObj(c -> String.format("U+%04X %s", c, Objects.toString(Character.getName(c), "")))
        .findFirst()
        .orElse(null);
  }

  /** The shortest exact form: "1h", "90s", "1500ms". */
  public static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s != 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /** "5 MB", "512 KB", "100 bytes": for messages a person reads. */
  public static String formatSize(long bytes) {
    if (bytes >= 1 << 30 && bytes % (1 << 30) == 0) {
      return (bytes >> 30) + " GB";
    }
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KB";
    }
    return bytes + " bytes";
  }

  /** The value of a run of ASCII digits, or {@link Long#MAX_VALUE} when it is more. */
  private static long digits(String digits) {
    long n = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(i) - '0';
      if (n > (Long.MAX_VALUE - d) / 10) {
        return Long.MAX_VALUE;
      }
      n = n * 10 + d;
    }
    return n;
  }
}
