package dev.orrery.emulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Discord's request limits: a fixed window per route bucket (per major parameter, such as the
 * channel), and a global number of requests per second for the bot. Answers with the headers
 * Discord sends.
 */
final class RateLimiter {
  private static final Duration GLOBAL_WINDOW = Duration.ofSeconds(1);

  private final InstantSource clock;
  private final int globalPerSecond;
  private final Map<String, Window> buckets = new HashMap<>();
  private Window global;

  /** The limiter's verdict, with every header the response must carry. */
  record Decision(RateLimitScope limitedBy, Map<String, String> headers, double retryAfterSeconds) {
    boolean allowed() {
      return limitedBy == null;
    }
  }

  RateLimiter(InstantSource clock, int globalPerSecond) {
    this.clock = clock;
    this.globalPerSecond = globalPerSecond;
  }

  /**
   * Takes one request from the global window (unless exempt) and from the route's bucket.
   *
   * @param bucketHash what {@code X-RateLimit-Bucket} says: one value per route, as Discord does
   * @param majorKey the bucket's major parameters: each channel has its own window of the same
   *     route
   */
  synchronized Decision acquire(
      String bucketHash, String majorKey, RouteLimit limit, boolean globalExempt) {
    Instant now = clock.instant();
    if (!globalExempt && globalPerSecond > 0) {
      if (global == null || !now.isBefore(global.resetAt)) {
        global = new Window(globalPerSecond, now.plus(GLOBAL_WINDOW));
      }
      if (global.remaining == 0) {
        return globalLimited(Duration.between(now, global.resetAt));
      }
      global.remaining--;
    }

    Window window = buckets.get(bucketHash + ":" + majorKey);
    if (window == null || !now.isBefore(window.resetAt)) {
      window = new Window(limit.requests(), now.plus(limit.window()));
      buckets.put(bucketHash + ":" + majorKey, window);
    }
    Duration resetAfter = Duration.between(now, window.resetAt);
    if (window.remaining == 0) {
      Map<String, String> headers = bucketHeaders(bucketHash, limit, 0, window.resetAt, resetAfter);
      headers.putAll(limitedHeaders(resetAfter, RateLimitScope.USER));
      return new Decision(RateLimitScope.USER, headers, seconds(resetAfter));
    }
    window.remaining--;
    return new Decision(
        null, bucketHeaders(bucketHash, limit, window.remaining, window.resetAt, resetAfter), 0);
  }

  private static Decision globalLimited(Duration retryAfter) {
    Map<String, String> headers = limitedHeaders(retryAfter, RateLimitScope.GLOBAL);
    headers.put("X-RateLimit-Global", "true");
    return new Decision(RateLimitScope.GLOBAL, headers, seconds(retryAfter));
  }

  /** The headers of any 429; {@code Via} tells JDA this is Discord's 429, not a Cloudflare ban. */
  static Map<String, String> limitedHeaders(Duration retryAfter, RateLimitScope scope) {
    Map<String, String> headers = new LinkedHashMap<>();
    // Retry-After is whole seconds, rounded up, so a client that obeys it never comes back early
    headers.put("Retry-After", Long.toString((long) Math.ceil(seconds(retryAfter))));
    headers.put("X-RateLimit-Scope", scope.headerValue());
    headers.put("Via", "1.1 google");
    return headers;
  }

  static Map<String, String> bucketHeaders(
      String bucketHash, RouteLimit limit, int remaining, Instant resetAt, Duration resetAfter) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-RateLimit-Bucket", bucketHash);
    headers.put("X-RateLimit-Limit", Integer.toString(limit.requests()));
    headers.put("X-RateLimit-Remaining", Integer.toString(remaining));
    headers.put(
        "X-RateLimit-Reset",
        decimalSeconds(resetAt.getEpochSecond() * 1_000_000_000L + resetAt.getNano()));
    headers.put("X-RateLimit-Reset-After", decimalSeconds(resetAfter.toNanos()));
    return headers;
  }

  /**
   * Seconds with millisecond precision, rounded up so the client waits at least as long as needed.
   */
  private static String decimalSeconds(long nanos) {
    return BigDecimal.valueOf(Math.max(0, nanos))
        .divide(BigDecimal.valueOf(1_000_000_000L), 3, RoundingMode.CEILING)
        .toPlainString();
  }

  static double seconds(Duration duration) {
    return Math.max(0, duration.toNanos()) / 1e9;
  }

  /** A fixed window: {@code remaining} requests until {@code resetAt}. */
  private static final class Window {
    int remaining;
    final Instant resetAt;

    Window(int remaining, Instant resetAt) {
      this.remaining = remaining;
      this.resetAt = resetAt;
    }
  }
}
