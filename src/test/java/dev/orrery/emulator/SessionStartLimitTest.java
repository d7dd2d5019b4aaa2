package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionStartLimitTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void each_identify_takes_one_start_and_none_is_left_past_the_total() {
    SessionStartLimit limit = new SessionStartLimit(clock, 2, 16, Duration.ofDays(1));

    assertThat(limit.identify(0)).isEqualTo(SessionStartLimit.Verdict.STARTED);
    assertThat(limit.identify(1)).isEqualTo(SessionStartLimit.Verdict.STARTED);
    assertThat(limit.remaining()).isZero();
    assertThat(limit.identify(2)).isEqualTo(SessionStartLimit.Verdict.EXHAUSTED);
    assertThat(limit.toJson().getInt("remaining")).isZero();
    assertThat(limit.toJson().getInt("total")).isEqualTo(2);
    assertThat(limit.toJson().getInt("max_concurrency")).isEqualTo(16);
  }

  @Test
  void shards_of_one_bucket_identify_five_seconds_apart() {
    SessionStartLimit limit = new SessionStartLimit(clock, 1000, 2, Duration.ofDays(1));

    assertThat(limit.identify(0)).isEqualTo(SessionStartLimit.Verdict.STARTED);
    // shard 1 is in the other bucket, shard 2 in shard 0's
    assertThat(limit.identify(1)).isEqualTo(SessionStartLimit.Verdict.STARTED);
    assertThat(limit.identify(2)).isEqualTo(SessionStartLimit.Verdict.TOO_SOON);
    clock.advance(Duration.ofMillis(4_999));
    assertThat(limit.identify(2)).isEqualTo(SessionStartLimit.Verdict.TOO_SOON);
    clock.advance(Duration.ofMillis(1));
    assertThat(limit.identify(2)).isEqualTo(SessionStartLimit.Verdict.STARTED);
    // a refused identify takes no start
    assertThat(limit.remaining()).isEqualTo(997);
  }
}
