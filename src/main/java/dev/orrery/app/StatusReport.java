package dev.orrery.app;

import dev.orrery.poll.PollRhythm;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code orrery status} says, worked out from the database's rows at one instant: each watched
 * feed's state and poll interval, and the totals over all of them.
 *
 * @param now when the rows were read: ages and next polls are counted from it
 */
record StatusReport(Instant now, Totals totals, List<Row> feeds) {

  /** A feed's health, in the words {@code /subscriptions} uses. */
  enum State {
    OK,
    FAILING,
    PAUSED;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Paused before failing: a paused feed is not polled, however its last poll went. */
    static State of(Feed feed) {
      if (feed.paused()) {
        return PAUSED;
      }
      return feed.errorCount() > 0 ? FAILING : OK;
    }
  }

  /**
   * How often a feed is polled and why.
   *
   * @param chosen true when its last successful poll chose it; false for a feed not polled since
   *     intervals were kept, which polls at poll.interval until then
   */
  record Interval(Duration every, String reason, boolean chosen) {
    /** The reason given to a feed that has no interval of its own yet. */
    static final String CONFIGURED = "poll.interval, until a poll chooses one";

    static Interval of(Feed feed, PollRhythm rhythm) {
      PollRhythm.Pace pace =
          rhythm.atPoll(
              feed.pollInterval(),
              feed.pollIntervalReason(),
              feed.lastNewAt(),
              feed.lastPolledAt());
      if (pace == null) {
        return new Interval(rhythm.unknown().interval(), CONFIGURED, false);
      }
      return new Interval(pace.interval(), pace.reason() == null ? "" : pace.reason(), true);
    }
  }

  /**
   * One watched feed.
   *
   * @param nextPoll when it is polled next, or null while it is paused
   */
  record Row(FeedStatus status, State state, Interval interval, Instant nextPoll) {
    Feed feed() {
      return status.feed();
    }
  }

  /**
   * The line above the feeds.
   *
   * @param oldestPending when the longest-waiting delivery was queued, or null when none waits
   */
  record Totals(
      int feeds,
      Map<State, Integer> byState,
      long subscriptions,
      long pending,
      Instant oldestPending) {
    Totals {
      byState = Map.copyOf(byState);
    }

    int count(State state) {
      return byState.getOrDefault(state, 0);
    }
  }

  /** The report of these rows, read at {@code now}, with the intervals {@code rhythm} chooses. */
  static StatusReport of(List<FeedStatus> rows, PollRhythm rhythm, Instant now) {
    Map<State, Integer> byState = new EnumMap<>(State.class);
    long subscriptions = 0;
    long pending = 0;
    Instant oldest = null;
    List<Row> feeds = new ArrayList<>(rows.size());
    for (FeedStatus status : rows) {
      Feed feed = status.feed();
      State state = State.of(feed);
      byState.merge(state, 1, Integer::sum);
      subscriptions += status.subscriptionCount();
      pending += status.pending();
      if (status.oldestPending() != null
          && (oldest == null || status.oldestPending().isBefore(oldest))) {
        oldest = status.oldestPending();
      }
      feeds.add(
          new Row(
              status,
              state,
              Interval.of(feed, rhythm),
              state == State.PAUSED ? null : feed.nextPollAt()));
    }
    return new StatusReport(
        now, new Totals(rows.size(), byState, subscriptions, pending, oldest), List.copyOf(feeds));
  }
}
