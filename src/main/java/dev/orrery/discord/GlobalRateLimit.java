package dev.orrery.discord;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Our own cap on requests per second, under Discord's global 50/s, applied where requests leave
 * JDA's HTTP client: JDA holds messages for a channel whose bucket is spent and then sends them
 * together, so a cap on handing messages to JDA would not bound what reaches Discord. Interaction
 * responses are exempt from Discord's global limit, and from this one.
 */
final class GlobalRateLimit implements Interceptor {
  private final int perSecond;
  private long intervalNanos;
  private double share;
  private long nextFree;

  /**
   * @param perSecond the most requests per second of every node together
   */
  GlobalRateLimit(int perSecond) {
    this.perSecond = perSecond;
    this.share = perSecond;
    this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    this.nextFree = System.nanoTime();
  }

  /**
   * Takes this node's part of the limit, when {@code nodes} nodes send with the same token: Discord
   * counts the token's requests, whichever process sends them.
   */
  synchronized void shareWith(int nodes) {
    int n = Math.max(1, nodes);
    share = Math.max(1, (perSecond - (n - 1)) / (double) n);
    intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / share);
  }

  /**
   * This node's requests per second: {@code (perSecond - (nodes - 1)) / nodes}. Spaced evenly, a
   * node's requests can fall one more than its rate into one of Discord's fixed one-second windows,
   * depending on where the window starts, and the nodes' phases are not aligned: so with {@code n}
   * nodes each gives up {@code (n - 1) / n}, and together they send at most {@code perSecond + 1}
   * in any window however their phases fall.
   */
  synchronized double share() {
    return share;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String path = chain.request().url().encodedPath();
    if (!path.contains("/interactions/") && !path.contains("/webhooks/")) {
      try {
        acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the global rate limit");
      }
    }
    return chain.proceed(chain.request());
  }

  /** Blocks the calling request thread until it may send. */
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
