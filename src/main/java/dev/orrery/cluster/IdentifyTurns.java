package dev.orrery.cluster;

import dev.orrery.store.IdentifyBucketStore;
import dev.orrery.store.StoreException;
import java.time.Duration;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces the gateway IDENTIFYs of every node: Discord takes one per bucket per 5 seconds from the
 * whole bot, so a node waits for its bucket's turn in the database before a shard identifies.
 */
public final class IdentifyTurns {
  private static final Logger log = LoggerFactory.getLogger(IdentifyTurns.class);

  /** Discord's 5 seconds, and a margin for the clocks of different machines. */
  static final Duration WINDOW = Duration.ofMillis(5_500);

  private static final Duration RETRY = Duration.ofMillis(250);

  private final IdentifyBucketStore buckets;
  private final InstantSource clock;

  public IdentifyTurns(IdentifyBucketStore buckets, InstantSource clock) {
    this.buckets = buckets;
    this.clock = clock;
  }

  /** Blocks until this node has the bucket's turn; a database that does not answer waits too. */
  public void await(int bucket) throws InterruptedException {
    while (!take(bucket)) {
      Thread.sleep(RETRY.toMillis());
    }
  }

  private boolean take(int bucket) {
    try {
      return buckets.take(bucket, clock.instant(), WINDOW);
    } catch (StoreException e) {
      log.warn("Cannot take an identify turn ({}): waiting for the database", e.getMessage());
      return false;
    }
  }
}
