package dev.orrery.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Discord's session start limit: how many IDENTIFYs the bot has left ({@code total} a day, each
 * IDENTIFY takes one), and {@code max_concurrency}: shards whose {@code shard_id % max_concurrency}
 * is the same share a bucket that takes one IDENTIFY per 5 seconds.
 */
final class SessionStartLimit {
  /** One IDENTIFY per bucket in this window, as Discord documents. */
  static final Duration BUCKET_WINDOW = Duration.ofSeconds(5);

  /** What became of an IDENTIFY. */
  enum Verdict {
    STARTED,
    /** No session starts left: Discord resets the token of a bot past its daily limit. */
    EXHAUSTED,
    /** Another shard of the same bucket identified less than 5 seconds ago. */
    TOO_SOON
  }

  private final InstantSource clock;
  private final int total;
  private final int maxConcurrency;
  private final Duration resetAfter;
  private final Map<Integer, Instant> lastInBucket = new HashMap<>();
  private int remaining;

  SessionStartLimit(InstantSource clock, int total, int maxConcurrency, Duration resetAfter) {
    if (total < 1 || maxConcurrency < 1) {
      throw new IllegalArgumentException(
          "session start total and max_concurrency are at least 1: "
              + total
              + ", "
              + maxConcurrency);
    }
    this.clock = clock;
    this.total = total;
    this.maxConcurrency = maxConcurrency;
    this.resetAfter = resetAfter;
    this.remaining = total;
  }

  synchronized Verdict identify(int shardId) {
    if (remaining == 0) {
      return Verdict.EXHAUSTED;
    }
    int bucket = shardId % maxConcurrency;
    Instant now = clock.instant();
    Instant last = lastInBucket.get(bucket);
    if (last != null && now.isBefore(last.plus(BUCKET_WINDOW))) {
      return Verdict.TOO_SOON;
    }
    lastInBucket.put(bucket, now);
    remaining--;
    return Verdict.STARTED;
  }

  synchronized int remaining() {
    return remaining;
  }

  /** The {@code session_start_limit} object of {@code GET gateway/bot}. */
  synchronized DataObject toJson() {
    return DataObject.empty()
        .put("total", total)
        .put("remaining", remaining)
        .put("reset_after", resetAfter.toMillis())
        .put("max_concurrency", maxConcurrency);
  }
}
