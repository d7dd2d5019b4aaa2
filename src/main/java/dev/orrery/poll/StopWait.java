package dev.orrery.poll;

import java.util.function.BooleanSupplier;

/**
 * How a stop waits for the polls under way: on a monitor the caller holds, until they are over,
 * through interrupts (restored after), since a stop half done would leave polls writing to a
 * database about to close.
 */
final class StopWait {
  private StopWait() {}

  /** Waits on {@code monitor}, which the caller holds and notifies, until {@code over} holds. */
  static void until(Object monitor, BooleanSupplier over) {
    boolean interrupted = false;
    while (!over.getAsBoolean()) {
      try {
        monitor.wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
