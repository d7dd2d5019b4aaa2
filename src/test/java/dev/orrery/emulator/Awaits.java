package dev.orrery.emulator;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition that another thread makes true (JDA handling a dispatch), for the emulator's
 * own tests.
 */
final class Awaits {
  private Awaits() {}

  static void until(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
