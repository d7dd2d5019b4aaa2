package dev.orrery.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  final PollSchedule schedule =
      new PollSchedule(Duration.ofMinutes(10), Duration.ofMinutes(1), new Random(42));

  @Test
  void theIntervalVariesWithinTenPercent() {
    Duration shortest = Duration.ofDays(1);
    Duration longest = Duration.ZERO;
    for (int i = 0; i < 2000; i++) {
      Duration wait = Duration.between(NOW, schedule.afterSuccess(NOW, null, null));
      shortest = wait.compareTo(shortest) < 0 ? wait : shortest;
      longest = wait.compareTo(longest) > 0 ? wait : longest;
    }
    assertThat(shortest).isBetween(Duration.ofMinutes(9), Duration.ofSeconds(9 * 60 + 10));
    assertThat(longest).isBetween(Duration.ofSeconds(11 * 60 - 10), Duration.ofMinutes(11));
  }

  @Test
  void partitionsSweepEveryFiveSecondsOrEachMinIntervalWhenThatIsShorter() {
    assertThat(schedule.sweep()).isEqualTo(Duration.ofSeconds(5));
    PollSchedule fast =
        new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random(42));
    assertThat(fast.sweep()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void ttlAndMaxAgeStretchTheWaitUpToADay() {
    assertThat(schedule.afterSuccess(NOW, Duration.ofHours(1), null))
        .isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(schedule.afterSuccess(NOW, null, Duration.ofHours(2)))
        .isEqualTo(NOW.plus(Duration.ofHours(2)));
    assertThat(schedule.afterSuccess(NOW, Duration.ofDays(3), null))
        .isEqualTo(NOW.plus(Duration.ofDays(1)));
    // a short max-age does not make us poll more often than the interval
    assertThat(Duration.between(NOW, schedule.afterSuccess(NOW, null, Duration.ofSeconds(5))))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(9));
  }

  @Test
  void retryAfterIsHonouredWithinTheMinimumAndADay() {
    assertThat(schedule.afterRetryAfter(NOW, Duration.ofMinutes(30)))
        .isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(schedule.afterRetryAfter(NOW, Duration.ofSeconds(1)))
        .isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(schedule.afterRetryAfter(NOW, Duration.ofDays(9)))
        .isEqualTo(NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void errorsBackOffExponentiallyUpToSixHours() {
    assertThat(schedule.afterError(NOW, 1)).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(schedule.afterError(NOW, 2)).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(schedule.afterError(NOW, 3)).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
    assertThat(schedule.afterError(NOW, 9)).isEqualTo(NOW.plus(Duration.ofMinutes(256)));
    assertThat(schedule.afterError(NOW, 10)).isEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(schedule.afterError(NOW, 500)).isEqualTo(NOW.plus(Duration.ofHours(6)));
  }
}
