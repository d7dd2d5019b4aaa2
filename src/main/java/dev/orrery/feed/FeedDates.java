package dev.orrery.feed;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the dates feeds write, RFC 822 (RSS) and RFC 3339 (Atom), with java.time: what ROME's
 * DateParser reads with up to 23 SimpleDateFormats built per date. It gives the instant ROME gives,
 * but for fractions of a second, which it reads as fractions (".5" is half a second, ".123456" 123
 * ms) where ROME reads their digits as milliseconds; anything else it does not read exactly as ROME
 * does (two-digit years, unknown zones, a day past the month's end) is null, for ROME's lenient
 * reading.
 */
final class FeedDates {
  /** "5 Dec 2026 10:00:00" and "05 dec 2026 10:00": the RFC 822 date and time, zone apart. */
  private static final DateTimeFormatter RFC_822 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("d MMM uuuu HH:mm[:ss]")
          .toFormatter(Locale.US)
          .withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter RFC_3339 =
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter DATE_ONLY =
      DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT);

  /** RFC 822's zones, with the offsets ROME gives them (UT and Z it reads as UTC). */
  private static final Map<String, ZoneOffset> ZONES =
      Map.ofEntries(
          Map.entry("GMT", ZoneOffset.UTC),
          Map.entry("UT", ZoneOffset.UTC),
          Map.entry("UTC", ZoneOffset.UTC),
          Map.entry("Z", ZoneOffset.UTC),
          Map.entry("EST", ZoneOffset.ofHours(-5)),
          Map.entry("EDT", ZoneOffset.ofHours(-4)),
          Map.entry("CST", ZoneOffset.ofHours(-6)),
          Map.entry("CDT", ZoneOffset.ofHours(-5)),
          Map.entry("MST", ZoneOffset.ofHours(-7)),
          Map.entry("MDT", ZoneOffset.ofHours(-6)),
          Map.entry("PST", ZoneOffset.ofHours(-8)),
          Map.entry("PDT", ZoneOffset.ofHours(-7)));

  private static final Set<String> WEEKDAYS =
      Set.of(
          "mon",
          "tue",
          "wed",
          "thu",
          "fri",
          "sat",
          "sun",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday");

  private FeedDates() {}

  /**
   * The instant, to the millisecond as ROME's dates are, or null when the text is not a form read
   * here.
   */
  static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    String date = text.trim();
    if (date.isEmpty()) {
      return null;
    }
    try {
      Instant instant = Character.isDigit(date.charAt(0)) ? isoOrRfc822(date) : rfc822(date);
      return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeException notThisForm) {
      return null; // for ROME, which may still read it
    }
  }

  private static Instant isoOrRfc822(String date) {
    if (date.length() >= 10 && date.charAt(4) == '-') {
      if (date.length() == 10) {
        return LocalDate.parse(date, DATE_ONLY).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      // ROME reads no date from a lower-case "t"; that stays its call
      return date.indexOf('T') == 10 ? OffsetDateTime.parse(date, RFC_3339).toInstant() : null;
    }
    return rfc822(date);
  }

  /** "Sat, 5 Dec 2026 10:00:00 GMT": the weekday optional and ignored, as ROME ignores it. */
  private static Instant rfc822(String date) {
    String rest = date;
    int comma = date.indexOf(", ");
    if (comma > 0 && WEEKDAYS.contains(date.substring(0, comma).toLowerCase(Locale.ROOT))) {
      rest = date.substring(comma + 2);
    }
    int space = rest.lastIndexOf(' ');
    if (space < 0) {
      return null;
    }
    ZoneOffset offset = offset(rest.substring(space + 1));
    if (offset == null) {
      return null;
    }
    return LocalDateTime.parse(rest.substring(0, space), RFC_822).toInstant(offset);
  }

  /** A zone name of RFC 822 or "+hhmm"; null for anything else. */
  private static ZoneOffset offset(String zone) {
    ZoneOffset named = ZONES.get(zone.toUpperCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    if (zone.length() != 5 || (zone.charAt(0) != '+' && zone.charAt(0) != '-')) {
      return null;
    }
    for (int i = 1; i < 5; i++) {
      if (!Character.isDigit(zone.charAt(i))) {
        return null;
      }
    }
    int hours = Integer.parseInt(zone.substring(1, 3));
    int minutes = Integer.parseInt(zone.substring(3, 5));
    if (minutes > 59) {
      return null;
    }
    int sign = zone.charAt(0) == '-' ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }
}
