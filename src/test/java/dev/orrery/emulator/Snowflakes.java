package dev.orrery.emulator;

import java.time.Instant;
import java.time.InstantSource;

/**
 * Hands out Discord snowflake ids: milliseconds since the Discord epoch, shifted, plus a counter.
 */
public final class Snowflakes {
  /** 2015-01-01T00:00:00Z, the zero of every Discord id. */
  public static final long DISCORD_EPOCH_MILLIS = 1420070400000L;

  private final InstantSource clock;
  private long last;

  public Snowflakes(InstantSource clock) {
    this.clock = clock;
  }

  /** A new id for the current time, strictly greater than every id handed out before. */
  public synchronized long next() {
    long candidate = ofTime(clock.instant());
    // JDA checks an interaction id's timestamp, so ids must stay close to "now";
    // the low 22 bits absorb many ids within one millisecond
    last = Math.max(candidate, last + 1);
    return last;
  }

  /**
   * A new id, as {@link #next()}, whose millisecond part is {@code shardId} modulo {@code
   * shardTotal}, so that the guild it names is on that shard: at most {@code shardTotal - 1}
   * milliseconds ahead of now.
   */
  public synchronized long nextOnShard(int shardId, int shardTotal) {
    long candidate = Math.max(ofTime(clock.instant()), last + 1);
    long millis = candidate >>> 22;
    long ahead = Math.floorMod(shardId - millis, (long) shardTotal);
    last = ahead == 0 ? candidate : (millis + ahead) << 22;
    return last;
  }

  /** The smallest id of the given time. */
  public static long ofTime(Instant time) {
    return (time.toEpochMilli() - DISCORD_EPOCH_MILLIS) << 22;
  }

  /** The time encoded in an id. */
  public static Instant timeOf(long id) {
    return Instant.ofEpochMilli((id >>> 22) + DISCORD_EPOCH_MILLIS);
  }
}
