package dev.orrery.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** An append-only list that a test can wait on until enough matching entries have arrived. */
final class AwaitableLog<T> {
  private final List<T> entries = new ArrayList<>();

  synchronized void add(T entry) {
    entries.add(entry);
    notifyAll();
  }

  /** Replaces the first entry matching {@code which} (an edit), keeping its place. */
  synchronized boolean replace(Predicate<T> which, T replacement) {
    for (int i = 0; i < entries.size(); i++) {
      if (which.test(entries.get(i))) {
        entries.set(i, replacement);
        notifyAll();
        return true;
      }
    }
    return false;
  }

  synchronized List<T> snapshot() {
    return List.copyOf(entries);
  }

  synchronized List<T> matching(Predicate<? super T> filter) {
    return entries.stream().filter(filter).toList();
  }

  /**
   * Waits until at least {@code count} entries match, and returns all matching entries then.
   *
   * @throws AssertionError naming what was expected and what arrived, on timeout
   */
  synchronized List<T> await(
      Predicate<? super T> filter, int count, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<T> found = matching(filter);
    while (found.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "expected "
                + count
                + " "
                + what
                + " within "
                + timeout
                + ", got "
                + found.size()
                + ": "
                + found);
      }
      try {
        // wait(ms, nanos) would be exact but millis are plenty for a test wait
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
      found = matching(filter);
    }
    return found;
  }
}
