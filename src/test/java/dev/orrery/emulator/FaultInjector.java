package dev.orrery.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Failures a test asked for: the next N matching requests answer with a 5xx or a 429 instead of
 * running, or run and then have their answer replaced by a failure (the answer "lost" on the way).
 */
final class FaultInjector {
  /**
   * One scripted failure: requests matching {@code pattern} get {@code status}, before running or,
   * when {@code afterHandling}, after running.
   */
  record Fault(
      RequestPattern pattern,
      int status,
      RateLimitScope scope,
      Duration retryAfter,
      boolean afterHandling) {
    Fault(RequestPattern pattern, int status, RateLimitScope scope, Duration retryAfter) {
      this(pattern, status, scope, retryAfter, false);
    }

    /** Not a failure: the request waits {@code delay}, then runs as usual. */
    static Fault stall(RequestPattern pattern, Duration delay) {
      return new Fault(pattern, 0, null, delay, false);
    }

    boolean stalls() {
      return status == 0;
    }
  }

  private final Deque<Counted> faults = new ArrayDeque<>();

  synchronized void add(Fault fault, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive: " + count);
    }
    faults.addLast(new Counted(fault, count));
  }

  /** The first pending fault of that phase matching this request, used up by one. */
  synchronized Optional<Fault> take(String method, String path, boolean afterHandling) {
    Iterator<Counted> it = faults.iterator();
    while (it.hasNext()) {
      Counted counted = it.next();
      if (counted.fault.afterHandling() == afterHandling
          && counted.fault.pattern().matches(method, path)) {
        if (--counted.remaining == 0) {
          it.remove();
        }
        return Optional.of(counted.fault);
      }
    }
    return Optional.empty();
  }

  private static final class Counted {
    final Fault fault;
    int remaining;

    Counted(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }
}
