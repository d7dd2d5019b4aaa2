package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final RouteLimit FIVE_PER_FIVE = RouteLimit.discordChannelMessages();

  private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));

  @Test
  void a_bucket_counts_down_then_refuses_until_its_window_resets() {
    RateLimiter limiter = new RateLimiter(clock, 0);

    for (int remaining = 4; remaining >= 0; remaining--) {
      RateLimiter.Decision decision = limiter.acquire("abc", "channel_id=1;", FIVE_PER_FIVE, false);
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.headers())
          .containsEntry("X-RateLimit-Bucket", "abc")
          .containsEntry("X-RateLimit-Limit", "5")
          .containsEntry("X-RateLimit-Remaining", Integer.toString(remaining))
          .containsEntry("X-RateLimit-Reset-After", "5.000")
          .containsEntry("X-RateLimit-Reset", "1777636805.000");
    }
    clock.advance(Duration.ofMillis(2500));

    RateLimiter.Decision refused = limiter.acquire("abc", "channel_id=1;", FIVE_PER_FIVE, false);
    assertThat(refused.limitedBy()).isEqualTo(RateLimitScope.USER);
    assertThat(refused.headers())
        .containsEntry("Retry-After", "3")
        .containsEntry("X-RateLimit-Scope", "user")
        .containsEntry("X-RateLimit-Remaining", "0")
        .containsEntry("X-RateLimit-Reset-After", "2.500")
        .containsEntry("Via", "1.1 google");
    assertThat(refused.retryAfterSeconds()).isEqualTo(2.5);

    clock.advance(Duration.ofMillis(2500));
    assertThat(limiter.acquire("abc", "channel_id=1;", FIVE_PER_FIVE, false).allowed()).isTrue();
  }

  @Test
  void each_channel_has_its_own_window_of_the_same_route() {
    RateLimiter limiter = new RateLimiter(clock, 0);
    for (int i = 0; i < 5; i++) {
      limiter.acquire("abc", "channel_id=1;", FIVE_PER_FIVE, false);
    }

    assertThat(limiter.acquire("abc", "channel_id=1;", FIVE_PER_FIVE, false).allowed()).isFalse();
    assertThat(limiter.acquire("abc", "channel_id=2;", FIVE_PER_FIVE, false).allowed()).isTrue();
  }

  @Test
  void the_global_limit_spans_routes_and_spares_interaction_endpoints() {
    RateLimiter limiter = new RateLimiter(clock, 3);
    RouteLimit roomy = new RouteLimit(100, Duration.ofSeconds(1));
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("route" + i, "", roomy, false).allowed()).isTrue();
    }

    RateLimiter.Decision refused = limiter.acquire("other", "", roomy, false);
    assertThat(refused.limitedBy()).isEqualTo(RateLimitScope.GLOBAL);
    assertThat(refused.headers())
        .containsEntry("X-RateLimit-Global", "true")
        .containsEntry("X-RateLimit-Scope", "global")
        .containsEntry("Retry-After", "1");
    assertThat(limiter.acquire("callback", "", roomy, true).allowed()).isTrue();

    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.acquire("other", "", roomy, false).allowed()).isTrue();
  }
}
