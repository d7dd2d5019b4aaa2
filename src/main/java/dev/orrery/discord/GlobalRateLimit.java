package dev.orrery.discord;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Our own cap on requests per second, under Discord's global 50/s, applied where requests leave
 * JDA's HTTP client: JDA holds messages for a channel whose bucket is spent and then sends them
 * together, so a cap on handing messages to JDA would not bound what reaches Discord. Interaction
 * responses and webhooks are exempt from Discord's global limit, and from this one.
 *
 * <p>Add it as an application interceptor (it waits for a permit there, before a connection is
 * taken) and {@link #onTheWire()} as a network interceptor (it notes when the request is written):
 * the cap counts the times requests went on the wire, in a sliding window, so a thread that waits
 * for a CPU between its permit and its write cannot bunch its request with later ones.
 */
final class GlobalRateLimit implements Interceptor {
  /**
   * Discord counts its global limit in one-second windows. Ours is longer by what a request may
   * take from our clock to Discord's (the write, the network, a busy machine's scheduling), so that
   * however late a request arrives after the time we noted, the permits of one of our windows cover
   * every Discord window it can fall in.
   */
  static final Duration WINDOW = Duration.ofMillis(1_020);

  /** Without a readable Retry-After on a global 429, Discord's own window. */
  private static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);

  private final int perSecond;
  private final SendWindow window = new SendWindow(WINDOW);

  /** Waiters take their turn in order, so a freed permit wakes one thread, not all of them. */
  private final ReentrantLock turn = new ReentrantLock(true);

  private int share;
  private long pausedUntil;

  /**
   * @param perSecond the most requests in any one of Discord's one-second windows, of every node
   *     together
   */
  GlobalRateLimit(int perSecond) {
    this.perSecond = perSecond;
    this.share = perSecond;
    this.pausedUntil = System.nanoTime();
  }

  /**
   * Takes this node's part of the limit, when {@code nodes} nodes send with the same token: Discord
   * counts the token's requests, whichever process sends them.
   */
  synchronized void shareWith(int nodes) {
    share = Math.max(1, perSecond / Math.max(1, nodes));
    notifyAll();
  }

  /**
   * This node's requests in any {@link #WINDOW}: {@code perSecond / nodes}, rounded down, at least
   * one. The window slides, so wherever Discord's windows begin and however the nodes' sends fall,
   * the nodes together send at most {@code perSecond} in any of them.
   */
  synchronized int share() {
    return share;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String path = request.url().encodedPath();
    if (path.contains("/interactions/") || path.contains("/webhooks/")) {
      return chain.proceed(request);
    }
    Permit permit;
    try {
      permit = acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the global rate limit");
    }
    try {
      Response response = chain.proceed(request.newBuilder().tag(Permit.class, permit).build());
      if (response.code() == 429 && isGlobal(response)) {
        pause(retryAfter(response));
      }
      return response;
    } finally {
      release(permit);
    }
  }

  /** The network interceptor that notes each request's send time as it goes on the wire. */
  Interceptor onTheWire() {
    return chain -> {
      Permit permit = chain.request().tag(Permit.class);
      if (permit != null) {
        sending(permit);
      }
      return chain.proceed(chain.request());
    };
  }

  /** Blocks the calling request thread until it may send; the permit counts until it is sent. */
  Permit acquire() throws InterruptedException {
    turn.lockInterruptibly();
    try {
      return awaitPermit();
    } finally {
      turn.unlock();
    }
  }

  private synchronized Permit awaitPermit() throws InterruptedException {
    while (true) {
      long now = System.nanoTime();
      long wait = pausedUntil - now;
      if (wait <= 0) {
        wait = window.tryTake(now, share);
        if (wait == 0) {
          return new Permit();
        }
      }
      if (wait == SendWindow.UNTIL_NOTIFIED) {
        wait(); // a send or a release notifies
      } else {
        TimeUnit.NANOSECONDS.timedWait(this, wait);
      }
    }
  }

  /** The request of this permit goes on the wire now (again, for a second attempt). */
  synchronized void sending(Permit permit) {
    window.sending(System.nanoTime(), !permit.onTheWire);
    permit.onTheWire = true;
    notifyAll(); // a permit waiting for pending ones can now wait for a time instead
  }

  /** The request of this permit is done; one that never went on the wire gives its permit back. */
  synchronized void release(Permit permit) {
    if (!permit.onTheWire && !permit.released) {
      window.release();
      notifyAll();
    }
    permit.released = true;
  }

  /**
   * Discord answered a global 429: nothing goes out until its Retry-After has passed, not even the
   * requests already let through and waiting here, so one 429 does not bring more.
   */
  synchronized void pause(Duration retryAfter) {
    pausedUntil = Math.max(pausedUntil, System.nanoTime() + retryAfter.toNanos());
  }

  private static boolean isGlobal(Response response) {
    return "true".equalsIgnoreCase(response.header("X-RateLimit-Global"))
        || "global".equalsIgnoreCase(response.header("X-RateLimit-Scope"));
  }

  private static Duration retryAfter(Response response) {
    String value = response.header("Retry-After");
    try {
      double seconds = value == null ? -1 : Double.parseDouble(value);
      return seconds > 0 ? Duration.ofNanos((long) (seconds * 1e9)) : DEFAULT_PAUSE;
    } catch (NumberFormatException e) {
      return DEFAULT_PAUSE;
    }
  }

  /** One request's permit: counted while its request is on the way, then from its send time. */
  static final class Permit {
    private boolean onTheWire;
    private boolean released;

    private Permit() {}
  }
}
