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
 * <p>A feed is never handed to two threads at once, nor handed again sooner than the shortest
 * interval after it was handed: every poll moves its feed's next poll at least that far, so this
 * only holds back a feed whose row could not be written (a database that fails), which would
 * otherwise be fetched again at every turn.
 */
final class DueFeeds {
  private static final Logger log = LoggerFactory.getLogger(DueFeeds.class);

  /**
   * The longest that nothing is read when no feed is due: a feed made due by another process on the
   * same database waits at most this long. This process's own subscriptions call {@link #wake}.
   */
  static final Duration MAX_QUIET = Duration.ofMinutes(1);

  private final FeedStore feeds;
  private final FeedRefresher refresher;
  private final boolean console;
  private final Duration minInterval;
  private final int batch;
  private final InstantSource clock;

  private final ArrayDeque<Feed> queue = new ArrayDeque<>();
  private final Set<Long> inFlight = new HashSet<>();

  /** When each feed was last handed out, oldest first: forgotten after the shortest interval. */
  private final Map<Long, Instant> handed = new LinkedHashMap<>();

  /** No feed is due before this; null when not known. */
  private Instant quietUntil;

  private boolean stopped;

  /**
   * @param console true for the console's polling, which counts the console's subscriptions
   * @param minInterval the least time between two polls of a feed
   * @param batch how many due feeds are read at a time: few enough that a feed waiting in a batch
   *     does not go stale (its subscriptions may go meanwhile), enough that reads are rare
   */
  DueFeeds(
      FeedStore feeds,
      FeedRefresher refresher,
      boolean console,
      Duration minInterval,
      int batch,
      InstantSource clock) {
    this.feeds = feeds;
    this.refresher = refresher;
    this.console = console;
    this.minInterval = minInterval;
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
      refill(now);
    }
    Feed feed = queue.poll();
    if (feed != null) {
      inFlight.add(feed.id());
      handed.put(feed.id(), now);
    }
    return feed;
  }

  /** The caller is done polling the feed. */
  synchronized void done(long feedId) {
    inFlight.remove(feedId);
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

  private void refill(Instant now) {
    forgetHandedBefore(now.minus(minInterval));
    flushUnchanged();
    // the feeds being polled still look due in their rows: read past them
    List<Feed> due = feeds.due(now, console, batch + inFlight.size());
    for (Feed feed : due) {
      if (!inFlight.contains(feed.id()) && !handed.containsKey(feed.id())) {
        queue.add(feed);
      }
    }
    if (due.isEmpty()) {
      Instant first = feeds.firstDue(console).orElse(null);
      Instant latest = now.plus(MAX_QUIET);
      quietUntil = first == null || first.isAfter(latest) ? latest : first;
    } else {
      quietUntil = null;
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
      // those feeds were handed out just now: they are not handed again before their time
      log.warn("Could not record the unchanged polls before reading the due feeds", e);
    }
  }

  private void forgetHandedBefore(Instant cutoff) {
    Iterator<Instant> times = handed.values().iterator();
    while (times.hasNext() && times.next().isBefore(cutoff)) {
      times.remove();
    }
  }
}
