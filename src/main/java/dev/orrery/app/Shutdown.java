package dev.orrery.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM and SIGINT into an orderly stop: the main thread wakes, closes what it opened, and
 * the process exits with the command's own status (0) instead of the signal's, even when the signal
 * came while it was still starting.
 */
final class Shutdown {
  private static final CountDownLatch stopRequested = new CountDownLatch(1);
  private static final CountDownLatch finished = new CountDownLatch(1);
  private static volatile int exitCode;

  private Shutdown() {}

  /** Installs the hook; called once, first thing in {@code main}. */
  static void install() {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopRequested.countDown();
                  try {
                    // the main thread is closing the scheduler, JDA and the pool: give it the time
                    // it needs
                    if (finished.await(60, TimeUnit.SECONDS)) {
                      Runtime.getRuntime().halt(exitCode);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "orrery-shutdown"));
  }

  /** Whether a stop signal has arrived. */
  static boolean requested() {
    return stopRequested.getCount() == 0;
  }

  /** Blocks until a stop signal arrives; the caller then closes what it opened and returns. */
  static void awaitSignal() throws InterruptedException {
    stopRequested.await();
  }

  /** The command has returned and closed everything: a stop under way may end the process now. */
  static void finished(int code) {
    exitCode = code;
    finished.countDown();
  }
}
