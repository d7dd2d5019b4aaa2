package dev.orrery.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When a feed is polled next: the feed's interval (see {@link PollRhythm}) with jitter, stretched
 * by what the server asks for, and exponential backoff after errors.
 */
public final class PollSchedule {
  static final Duration MAX_INTERVAL = Duration.ofHours(24);
  static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
  static final Duration MAX_BACKOFF = Duration.ofHours(6);

  /** How often, at the most, the partitions of a cluster look for due feeds. */
  static final Duration MAX_SWEEP = Duration.ofSeconds(5);

  /** A feed that has failed for this long is paused, and its channels told once. */
  public static final Duration GIVE_UP_AFTER = Duration.ofDays(3);

  private final Duration interval;
  private final Duration minInterval;
  private final PollRhythm rhythm;
  private final RandomGenerator random;

  /** Every feed at {@code interval}, whatever its rhythm. */
  public PollSchedule(Duration interval, Duration minInterval, RandomGenerator random) {
    this(interval, minInterval, PollRhythm.fixed(interval), random);
  }

  /** Each feed at the pace of its posts, within [minInterval, maxInterval]. */
  public PollSchedule(
      Duration interval, Duration minInterval, Duration maxInterval, RandomGenerator random) {
    this(interval, minInterval, new PollRhythm(interval, minInterval, maxInterval), random);
  }

  private PollSchedule(
      Duration interval, Duration minInterval, PollRhythm rhythm, RandomGenerator random) {
    this.interval = interval;
    this.minInterval = minInterval;
    this.rhythm = rhythm;
    this.random = random;
  }

  /** How each feed's interval is chosen. */
  public PollRhythm rhythm() {
    return rhythm;
  }

  /** {@link #afterSuccess(Instant, Duration, Duration, Duration)} at the configured interval. */
  public Instant afterSuccess(Instant now, Duration ttl, Duration maxAge) {
    return afterSuccess(now, interval, ttl, maxAge);
  }

  /**
   * After a successful poll: the feed's interval ±10%, or longer when the feed's {@code <ttl>} or
   * the response's max-age ask for it, within [min-interval, 24 h].
   *
   * @param interval the feed's own interval, before jitter
   * @param ttl the feed's {@code <ttl>}, or null
   * @param maxAge Cache-Control max-age, or null
   */
  public Instant afterSuccess(Instant now, Duration interval, Duration ttl, Duration maxAge) {
    long ms = interval.toMillis();
    long jitter = ms / 10;
    Duration wait =
        Duration.ofMillis(ms - jitter + (jitter == 0 ? 0 : random.nextLong(2 * jitter + 1)));
    wait = longest(wait, ttl, maxAge);
    return now.plus(clamp(wait));
  }

  /** After the server asked us to come back later. */
  public Instant afterRetryAfter(Instant now, Duration retryAfter) {
    return now.plus(clamp(retryAfter));
  }

  /** After the {@code errorCount}-th failure in a row: 1 min, 2, 4 … up to 6 h. */
  public Instant afterError(Instant now, int errorCount) {
    int doublings = Math.min(Math.max(errorCount, 1) - 1, 20);
    Duration wait = FIRST_BACKOFF.multipliedBy(1L << doublings);
    if (wait.compareTo(MAX_BACKOFF) > 0) {
      wait = MAX_BACKOFF;
    }
    return now.plus(wait);
  }

  /**
   * How often a partition job looks for its due feeds: a due feed waits at most this long, and
   * never longer than the shortest wait between two of its polls.
   */
  public Duration sweep() {
    return minInterval.compareTo(MAX_SWEEP) < 0 ? minInterval : MAX_SWEEP;
  }

  private Duration clamp(Duration wait) {
    if (wait.compareTo(minInterval) < 0) {
      return minInterval;
    }
    return wait.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : wait;
  }

  private static Duration longest(Duration wait, Duration... others) {
    Duration result = wait;
    for (Duration other : others) {
      if (other != null && other.compareTo(result) > 0) {
        result = other;
      }
    }
    return result;
  }
}
