package dev.orrery.poll;

import dev.orrery.store.FeedStore;
import dev.orrery.store.StoreException;
import dev.orrery.store.UnchangedPoll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping of polls that found their feed unchanged, written in batches instead of a write
 * each: most polls are 304s, and each was a transaction of its own. A batch is written once it
 * holds {@code maxRows} feeds, every {@code maxDelay}, and on {@link #flush}. Until then the
 * database shows each feed's poll before: a crash costs those feeds one early poll, with the
 * validators they had (never older ones), and nothing else.
 */
public final class UnchangedPolls implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UnchangedPolls.class);

  private final FeedStore feeds;
  private final int maxRows;

  /** Not yet written, by feed: a feed polled twice meanwhile is written once, as last polled. */
  private final Map<Long, UnchangedPoll> pending = new LinkedHashMap<>();

  private final ScheduledExecutorService timer;

  /**
   * @param maxRows a batch is written once it holds this many feeds; 1 writes each poll at once
   * @param maxDelay how long a poll waits at most to be written, when fewer come
   */
  public UnchangedPolls(FeedStore feeds, int maxRows, Duration maxDelay) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
    }
    this.feeds = feeds;
    this.maxRows = maxRows;
    if (maxRows == 1) {
      this.timer = null;
      return;
    }
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "orrery-unchanged-polls");
              thread.setDaemon(true);
              return thread;
            });
    long millis = maxDelay.toMillis();
    timer.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Each poll written as it comes, in a transaction of its own. */
  public static UnchangedPolls writeThrough(FeedStore feeds) {
    return new UnchangedPolls(feeds, 1, Duration.ZERO);
  }

  /** Records an unchanged poll, as {@link FeedStore#recordUnchanged} does, now or with a batch. */
  public void record(long id, Instant now, Instant nextPoll, String etag, String lastModified) {
    UnchangedPoll poll = new UnchangedPoll(id, now, nextPoll, etag, lastModified);
    synchronized (this) {
      pending.merge(id, poll, (earlier, later) -> later.after(earlier));
      if (pending.size() >= maxRows) {
        if (maxRows == 1) {
          flush();
        } else {
          flushKeepingOnFailure();
        }
      }
    }
  }

  /** The next poll time of a poll of the feed not written yet, or null when none is waiting. */
  public synchronized Instant pendingNextPoll(long feedId) {
    UnchangedPoll poll = pending.get(feedId);
    return poll == null ? null : poll.nextPoll();
  }

  /**
   * Writes the waiting polls in one transaction; they stay waiting when that fails. Callers wait
   * meanwhile, so a feed's row is never written by anything else while its poll is in flight.
   */
  public synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    feeds.recordUnchanged(new ArrayList<>(pending.values()));
    pending.clear();
  }

  /**
   * A batch filled by this poll, written now: a failure of the whole batch is not this feed's (it
   * stays waiting for the next try), but a full disk is told, so that polling holds back.
   */
  private void flushKeepingOnFailure() {
    try {
      flush();
    } catch (StoreException.DiskFull e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn(
          "Could not record the unchanged polls of {} feeds: {}", pending.size(), e.getMessage());
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      // kept for the next try; the feeds' rows show their poll before meanwhile
      log.warn("Could not record the unchanged polls of {} feeds: {}", size(), e.getMessage());
    }
  }

  private synchronized int size() {
    return pending.size();
  }

  /** Writes what waits (or logs why it could not: those feeds are polled once more) and stops. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    flushQuietly();
  }
}
