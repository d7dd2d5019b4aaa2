package dev.orrery.feed;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps how many fetches talk to one host at once. OkHttp's dispatcher limit only applies to
 * asynchronous calls, and the fetcher calls synchronously.
 */
final class HostLimiter {
  private final int perHost;
  private final Map<String, Semaphore> semaphores = new ConcurrentHashMap<>();

  HostLimiter(int perHost) {
    this.perHost = perHost;
  }

  /** A held slot for the host, or null when none came free within the wait. */
  Slot acquire(String host, long waitNanos) throws InterruptedException {
    Semaphore semaphore =
        semaphores.computeIfAbsent(
            host.toLowerCase(Locale.ROOT), h -> new Semaphore(perHost, true));
    if (!semaphore.tryAcquire(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
      return null;
    }
    return semaphore::release;
  }

  /** A slot to give back when the request and its body are done. */
  interface Slot extends AutoCloseable {
    @Override
    void close();
  }
}
