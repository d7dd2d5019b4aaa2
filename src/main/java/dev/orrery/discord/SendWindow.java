package dev.orrery.discord;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The requests sent within the last window and those let through but not yet sent: a sliding window
 * of send times, so that no window's length of time, wherever it starts, holds more sends than the
 * permits. Times are {@link System#nanoTime()} values given by the caller; not thread-safe.
 */
final class SendWindow {
  /** {@link #tryTake} when only a send or a release can make room: no time to wait for. */
  static final long UNTIL_NOTIFIED = Long.MAX_VALUE;

  private final long windowNanos;
  private final ArrayDeque<Long> sent = new ArrayDeque<>();
  private int taken;

  SendWindow(Duration window) {
    this.windowNanos = window.toNanos();
  }

  /**
   * Takes a permit if fewer than {@code permits} requests were sent in the window before {@code
   * now} or are let through and not yet sent. A request let through counts from now until it is
   * sent, however long its thread waits before sending it, and from its send time on for a window:
   * a request held up between permit and wire cannot fall into a window with those let through
   * after it.
   *
   * @return 0 when taken; otherwise the nanoseconds until the oldest send leaves the window, or
   *     {@link #UNTIL_NOTIFIED}
   */
  long tryTake(long now, int permits) {
    while (!sent.isEmpty() && sent.peekFirst() <= now - windowNanos) {
      sent.removeFirst();
    }
    if (sent.size() + taken < permits) {
      taken++;
      return 0;
    }
    return sent.isEmpty() ? UNTIL_NOTIFIED : Math.max(1, sent.peekFirst() + windowNanos - now);
  }

  /**
   * A request goes on the wire at {@code now}, with the permit it took, or without one (a second
   * attempt on another connection): it counts from now on either way.
   */
  void sending(long now, boolean withPermit) {
    if (withPermit) {
      taken--;
    }
    sent.addLast(Math.max(now, sent.isEmpty() ? now : sent.peekLast()));
  }

  /** A request that took a permit never reached the wire (it failed before or was cancelled). */
  void release() {
    taken--;
  }
}
