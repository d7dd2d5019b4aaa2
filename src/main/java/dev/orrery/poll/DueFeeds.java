package dev.orrery.poll;

import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The due feeds of a node that polls alone, handed to its poll threads one at a time. They are read
 * from the feeds table a batch at a time, the longest due first: a poll costs no read of its own
 * and no timer of its own, and the feeds table alone says what is polled and when.
 *
 * <p>A feed is never handed to two threads at once. A feed whose row still shows the due time it
 * was handed out with (its poll could not be written: a database that fails) is held back as a
 * first failure is, {@link PollSchedule#FIRST_BACKOFF}, instead of being fetched at every look; the
 * due feeds behind it are read past it.
 */
final class DueFeeds {
  private static final Logger log = LoggerFactory.getLogger(DueFeeds.class);

  /**
   * The longest that nothing is read when no feed is due: a feed made due by another process on the
   * same database waits at most this long. This process's own subscriptions call {@link #wake}.
   */
  static final Duration MAX_QUIET = Duration.ofMinutes(1);

  /** How long a feed whose row was not written is held back. */
  static final Duration HOLD = PollSchedule.FIRST_BACKOFF;

  /**
   * How long nothing is read when every due feed is being polled or held back: their rows move when
   * their polls end, and a feed that falls due meanwhile waits at most this long.
   */
  private static final Duration BUSY_LOOK = Duration.ofSeconds(1);

  /** How long nothing is read after the due feeds could not be read, at first and at most. */
  private static final Duration FIRST_READ_BACKOFF = Duration.ofSeconds(5);

  private static final Duration MAX_READ_BACKOFF = Duration.ofMinutes(1);

  private final FeedStore feeds;
  private final FeedRefresher refresher;
  private final boolean console;
  private final int batch;
  private final InstantSource clock;

  private final ArrayDeque<Feed> queue = new ArrayDeque<>();
  private final Set<Long> inFlight = new HashSet<>();

  /** Each feed handed out within {@link #HOLD}, and its row's due time then; oldest first. */
  private final Map<Long, Handed> handed = new LinkedHashMap<>();

  /** No feed is due before this; null when not known. */
  private Instant quietUntil;

  /** Reads of the due feeds that failed in a row. */
  private int readFailures;

  private boolean stopped;

  private record Handed(Instant at, Instant due) {}

  /**
   * @param console true for the console's polling, which counts the console's subscriptions
   * @param batch how many due feeds are read at a time: few enough that a feed waiting in a batch
   *     does not go stale (its subscriptions may go meanwhile), enough that reads are rare
   */
  DueFeeds(
      FeedStore feeds, FeedRefresher refresher, boolean console, int batch, InstantSource clock) {
    this.feeds = feeds;
    this.refresher = refresher;
    this.console = console;
    this.batch = batch;
    this.clock = clock;
  }

  /** The next due feed, now the caller's to poll until {@link #done}; null when none is due. */
  synchronized Feed take() {
    if (stopped) {
      return null;
    }
    Instant now = clock.instant();
    if (queue.isEmpty()) {
      if (quietUntil != null && now.isBefore(quietUntil)) {
        return null;
      }
      readDue(now);
    }
    Feed feed = queue.poll();
    if (feed != null) {
      inFlight.add(feed.id());
      handed.put(feed.id(), new Handed(now, feed.nextPollAt()));
    }
    return feed;
  }

  /** The caller is done polling the feed. */
  synchronized void done(long feedId) {
    inFlight.remove(feedId);
    if (stopped && inFlight.isEmpty()) {
      notifyAll();
    }
  }

  /** A feed may have become due (a new subscription, a feed resumed): look again at once. */
  synchronized void wake() {
    quietUntil = null;
  }

  /** Polling stops: no feed is handed out any more, the polls under way end by themselves. */
  synchronized void stop() {
    stopped = true;
    queue.clear();
  }

  /** Waits until every feed handed out before {@link #stop} is done. */
  synchronized void awaitPollsUnderWay() {
    StopWait.until(this, inFlight::isEmpty);
  }

  /** {@link #refill}, and a database that does not answer is asked again later, not every look. */
  private void readDue(Instant now) {
    try {
      refill(now);
      if (readFailures > 0) {
        log.info("The due feeds are read again, after {} failed reads", readFailures);
      }
      readFailures = 0;
    } catch (RuntimeException e) {
      readFailures++;
      Duration wait = FIRST_READ_BACKOFF.multipliedBy(1L << Math.min(readFailures - 1, 4));
      wait = wait.compareTo(MAX_READ_BACKOFF) > 0 ? MAX_READ_BACKOFF : wait;
      quietUntil = now.plus(wait);
      if (readFailures == 1) {
        log.error("Could not read the due feeds: trying again in {} s", wait.toSeconds(), e);
      } else {
        log.warn(
            "Could not read the due feeds ({} times in a row): {}; trying again in {} s",
            readFailures,
            e.getMessage(),
            wait.toSeconds());
      }
    }
  }

  private void refill(Instant now) {
    forgetHandedBefore(now.minus(HOLD));
    flushUnchanged();
    boolean passedOver = false;
    Instant heldUntil = null;
    Feed last = null;
    // the feeds being polled and those held back still look due in their rows: read past them
    int page = batch + inFlight.size();
    while (queue.size() < batch) {
      List<Feed> due = feeds.due(now, console, last, page);
      for (Feed feed : due) {
        Handed before = handed.get(feed.id());
        if (inFlight.contains(feed.id())) {
          passedOver = true;
        } else if (before != null && before.due().equals(feed.nextPollAt())) {
          passedOver = true;
          Instant until = before.at().plus(HOLD);
          heldUntil = heldUntil == null || until.isBefore(heldUntil) ? until : heldUntil;
        } else {
          queue.add(feed);
        }
      }
      if (due.size() < page) {
        break;
      }
      last = due.get(due.size() - 1);
    }
    if (!queue.isEmpty()) {
      quietUntil = null;
    } else if (passedOver) {
      Instant look = now.plus(BUSY_LOOK);
      quietUntil = heldUntil != null && heldUntil.isBefore(look) ? heldUntil : look;
    } else {
      Instant first = feeds.firstDue(console).orElse(null);
      Instant latest = now.plus(MAX_QUIET);
      quietUntil = first == null || first.isAfter(latest) ? latest : first;
    }
  }

  /**
   * The polls that found their feed unchanged are written before the rows are read: until then
   * their rows still show them due.
   */
  private void flushUnchanged() {
    try {
      refresher.flushUnchanged();
    } catch (RuntimeException e) {
      // those feeds' rows still show the due time they were handed out with: held back
      log.warn(
          "Could not record the unchanged polls before reading the due feeds: {}", e.getMessage());
    }
  }

  private void forgetHandedBefore(Instant cutoff) {
    Iterator<Handed> feeds = handed.values().iterator();
    while (feeds.hasNext() && feeds.next().at().isBefore(cutoff)) {
      feeds.remove();
    }
  }
}
