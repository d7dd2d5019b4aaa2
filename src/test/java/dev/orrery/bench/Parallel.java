package dev.orrery.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs {@code count} numbered tasks on a fixed number of threads and times the whole. */
final class Parallel {
  /** One numbered piece of work. */
  @FunctionalInterface
  interface Task {
    void run(int index) throws Exception;
  }

  private Parallel() {}

  /**
   * @return the elapsed nanoseconds; the first failure of any task is rethrown
   */
  static long run(int count, int threads, Task task) {
    AtomicInteger next = new AtomicInteger();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement();
                    i < count && failures.isEmpty();
                    i = next.getAndIncrement()) {
                  try {
                    task.run(i);
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                }
              },
              "bench-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    long elapsed = System.nanoTime() - start;
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a task failed: " + failures.get(0), failures.get(0));
    }
    return elapsed;
  }

  static double perSecond(long count, long nanos) {
    return count * 1e9 / nanos;
  }
}
