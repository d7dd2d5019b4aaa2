package dev.orrery.store;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When a subscription's digest goes out: every day or every week (on Mondays) at a local time of a
 * time zone.
 *
 * @param lastDue the end of the last period whose digest was made, or null before the first
 */
public record DigestSchedule(Every every, LocalTime at, ZoneId zone, Instant lastDue) {

  /** How often a digest goes out. */
  public enum Every {
    DAILY,
    WEEKLY;

    /** The word people type and see: daily, weekly. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
