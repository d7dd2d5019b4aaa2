package dev.orrery.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Failures a test asked for: the next N matching requests answer with a 5xx or a 429 instead of
 * running.
 */
final class FaultInjector {
  /**
   * One scripted failure: {@code remaining} more requests matching {@code pattern} get {@code
   * status}.
   */
  record Fault(RequestPattern pattern, int status, RateLimitScope scope, Duration retryAfter) {}

  private final Deque<Counted> faults = new ArrayDeque<>();

  synchronized void add(Fault fault, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive: " + count);
    }
    faults.addLast(new Counted(fault, count));
  }

  /** The first pending fault matching this request, used up by one. */
  synchronized Optional<Fault> take(String method, String path) {
    Iterator<Counted> it = faults.iterator();
    while (it.hasNext()) {
      Counted counted = it.next();
      if (counted.fault.pattern().matches(method, path)) {
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
