package dev.orrery.poll;

import java.time.Duration;
import java.time.Instant;

/**
 * Holds polling back while the disk holding the database is full: a feed fetched and parsed that
 * cannot be stored only costs its server, the CPU and the disk another failed write. Waits 30 s,
 * then twice as long after each failed try, up to 10 min; the first write that works ends it.
 */
final class DiskFullBackoff {
  static final Duration FIRST = Duration.ofSeconds(30);
  static final Duration MAX = Duration.ofMinutes(10);

  private Duration wait;
  private Instant until;
  private String reason;

  /** A write failed for want of room: hold back from now on. */
  synchronized void full(Instant now, String why) {
    wait = wait == null ? FIRST : min(wait.multipliedBy(2), MAX);
    until = now.plus(wait);
    reason = why;
  }

  /** A write worked: there is room again. */
  synchronized void cleared() {
    wait = null;
    until = null;
    reason = null;
  }

  /** When polling may try again, or null when it need not wait. */
  synchronized Instant heldUntil(Instant now) {
    return until != null && now.isBefore(until) ? until : null;
  }

  /** Why polling waits, for people ("the disk holding … is full"). */
  synchronized String reason() {
    return reason;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
