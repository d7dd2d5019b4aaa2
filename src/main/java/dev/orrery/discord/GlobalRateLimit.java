package dev.orrery.discord;

import java.util.concurrent.TimeUnit;

/**
 * Our own cap on requests per second, under Discord's global 50/s, so that JDA's per-route buckets
 * never have to learn the global limit from a 429.
 */
final class GlobalRateLimit {
  private final long intervalNanos;
  private long nextFree;

  GlobalRateLimit(int perSecond) {
    this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    this.nextFree = System.nanoTime();
  }

  /** Blocks the caller (never a JDA thread) until it may send. */
  void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      // no unused capacity carries over: a burst could otherwise pass the limit within a second
      long earliest = Math.max(nextFree, now);
      nextFree = earliest + intervalNanos;
      wait = earliest - now;
    }
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
