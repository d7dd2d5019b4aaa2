package dev.orrery.emulator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counters a test can assert on: 429s by scope, and the invalid requests (401, 403, and 429 except
 * shared-scope ones) of which Discord bans an IP after 10,000 in 10 minutes.
 */
public final class TrafficStats {
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger userRateLimited = new AtomicInteger();
  private final AtomicInteger globalRateLimited = new AtomicInteger();
  private final AtomicInteger sharedRateLimited = new AtomicInteger();
  private final AtomicInteger invalidRequests = new AtomicInteger();
  private final AtomicInteger nonceRepeats = new AtomicInteger();

  void recordResponse(int status, RateLimitScope scope) {
    requests.incrementAndGet();
    if (status == 429) {
      counterFor(scope).incrementAndGet();
    }
    boolean invalid =
        status == 401 || status == 403 || (status == 429 && scope != RateLimitScope.SHARED);
    if (invalid) {
      invalidRequests.incrementAndGet();
    }
  }

  void recordNonceRepeat() {
    nonceRepeats.incrementAndGet();
  }

  private AtomicInteger counterFor(RateLimitScope scope) {
    switch (scope) {
      case GLOBAL:
        return globalRateLimited;
      case SHARED:
        return sharedRateLimited;
      default:
        return userRateLimited;
    }
  }

  /** Every REST request answered. */
  public int requests() {
    return requests.get();
  }

  /** 429s with scope {@code user}: the bot overran one of its route buckets. */
  public int userRateLimited() {
    return userRateLimited.get();
  }

  /** 429s with {@code X-RateLimit-Global}: the bot went over 50 requests per second. */
  public int globalRateLimited() {
    return globalRateLimited.get();
  }

  /** 429s with scope {@code shared}: a limit on the resource, not the bot's fault. */
  public int sharedRateLimited() {
    return sharedRateLimited.get();
  }

  /** All 429s. */
  public int rateLimited() {
    return userRateLimited() + globalRateLimited() + sharedRateLimited();
  }

  /** 401, 403 and non-shared 429 answers: what Discord counts towards its invalid-request ban. */
  public int invalidRequests() {
    return invalidRequests.get();
  }

  /** Message posts answered with an earlier message because their nonce repeated. */
  public int nonceRepeats() {
    return nonceRepeats.get();
  }

  @Override
  public String toString() {
    return "TrafficStats[requests="
        + requests()
        + ", 429 user="
        + userRateLimited()
        + ", 429 global="
        + globalRateLimited()
        + ", 429 shared="
        + sharedRateLimited()
        + ", invalid="
        + invalidRequests()
        + ", nonce repeats="
        + nonceRepeats()
        + "]";
  }
}
