package dev.orrery.poll;

import dev.orrery.config.Config;
import dev.orrery.feed.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How often a feed is polled, from the rhythm of its posts: a fifth of the usual gap between its
 * recent posts, within [min-interval, max-interval]. Pure: the times come in, a {@link Pace} comes
 * out.
 */
public final class PollRhythm {
  /** How many of the newest distinct post times are read. */
  static final int SAMPLE = 10;

  /** Fewer distinct post times than this show no rhythm. */
  static final int FEWEST = 3;

  /** Polls per usual gap: a feed posting every 20 min is polled every 4 min. */
  static final int POLLS_PER_GAP = 5;

  /** A quiet spell longer than this many usual gaps counts as the feed's new rhythm. */
  static final int QUIET_GAPS = 2;

  /** No feed's entry is older than this; an earlier date is a placeholder. */
  static final Instant EARLIEST = Instant.parse("1995-01-01T00:00:00Z");

  /** How far a published date may run ahead of when it was first seen: clocks disagree a little. */
  static final Duration SKEW = Duration.ofHours(1);

  static final String TOO_FEW = "the default: too few posts to see a rhythm";
  static final String SET = "set for this source";

  /** An interval between polls and why it was chosen, e.g. "posts about every 20 min". */
  public record Pace(Duration interval, String reason) {
    /** "every 4 min: posts about every 20 min". */
    public String describe() {
      return "every " + Readable.roughly(interval) + ": " + reason;
    }
  }

  /**
   * When an entry was posted, as far as is known.
   *
   * @param published the date the feed gives it, or null
   * @param firstSeen when it was first stored, or null when it is new in this fetch
   */
  public record Sighting(Instant published, Instant firstSeen) {}

  private final Duration usual;
  private final Duration min;
  private final Duration max;

  /**
   * @param usual poll.interval: for a feed whose rhythm cannot be seen
   * @param min poll.min-interval
   * @param max poll.max-interval
   */
  public PollRhythm(Duration usual, Duration min, Duration max) {
    this.usual = usual;
    this.min = min;
    this.max = max;
  }

  /** The rhythm of these settings: poll.interval, poll.min-interval and poll.max-interval. */
  public static PollRhythm of(Config.Poll poll) {
    return new PollRhythm(poll.interval(), poll.minInterval(), poll.maxInterval());
  }

  /** A rhythm that always answers {@code interval}: no feed is polled faster or slower. */
  public static PollRhythm fixed(Duration interval) {
    return new PollRhythm(interval, interval, interval);
  }

  /** The interval a source of the catalogue sets for itself, never under min-interval. */
  public Pace set(Duration interval) {
    return new Pace(interval.compareTo(min) < 0 ? min : interval, SET);
  }

  /** For a feed that has never been read: poll.interval. */
  public Pace unknown() {
    return new Pace(usual, TOO_FEW);
  }

  /**
   * The pace of a feed whose entries were seen as {@code sightings}: the median gap between the
   * newest {@value #SAMPLE} distinct post times, or the time since the last post when that is more
   * than {@value #QUIET_GAPS} such gaps, divided by {@value #POLLS_PER_GAP}.
   */
  public Pace pace(List<Sighting> sightings, Instant now) {
    List<Instant> times = newestTimes(sightings, now);
    if (times.size() < FEWEST) {
      return unknown();
    }
    List<Duration> gaps = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      gaps.add(Duration.between(times.get(i), times.get(i - 1)));
    }
    gaps.sort(null);
    int middle = gaps.size() / 2;
    Duration median =
        gaps.size() % 2 == 1
            ? gaps.get(middle)
            : gaps.get(middle - 1).plus(gaps.get(middle)).dividedBy(2);
    Duration quiet = Duration.between(times.get(0), now);
    if (quiet.compareTo(median.multipliedBy(QUIET_GAPS)) > 0) {
      return new Pace(
          interval(quiet),
          "no post for "
              + Readable.roughly(quiet)
              + " (before, about every "
              + Readable.roughly(median)
              + ")");
    }
    return new Pace(interval(median), "posts about every " + Readable.roughly(median));
  }

  /**
   * The pace chosen at the last read, {@code chosen}, stretched when the feed has been quiet since
   * {@code lastNew} for longer than {@value #QUIET_GAPS} of its usual gaps, for polls that find
   * nothing new and so never read its entries again. An interval set for the source is kept.
   *
   * @param lastNew when new entries last came, or null when none have since it was first read
   * @param at when the poll is
   */
  Pace quieter(Pace chosen, Instant lastNew, Instant at) {
    if (lastNew == null || SET.equals(chosen.reason())) {
      return chosen;
    }
    Duration quiet = Duration.between(lastNew, at);
    Duration usualGap = chosen.interval().multipliedBy(POLLS_PER_GAP);
    if (quiet.compareTo(usualGap.multipliedBy(QUIET_GAPS)) <= 0) {
      return chosen;
    }
    Duration stretched = interval(quiet);
    return stretched.compareTo(chosen.interval()) > 0
        ? new Pace(stretched, "no new post for " + Readable.roughly(quiet))
        : chosen;
  }

  /**
   * The pace a poll at {@code polledAt} that finds nothing new gives the feed: the one chosen at
   * its last read, {@link #quieter} if it has been quiet since; null when no read has chosen one
   * yet. The last poll's, as {@code /subscriptions} and status show it, is at the feed's last poll
   * time.
   *
   * @param interval the interval chosen at the last read, or null
   * @param reason why it was chosen
   * @param lastNew when new entries last came, or null
   * @param polledAt when the poll is, or null when the feed has not been polled since
   */
  public Pace atPoll(Duration interval, String reason, Instant lastNew, Instant polledAt) {
    if (interval == null) {
      return null;
    }
    Pace chosen = new Pace(interval, reason);
    return polledAt == null ? chosen : quieter(chosen, lastNew, polledAt);
  }

  private Duration interval(Duration gap) {
    Duration interval = gap.dividedBy(POLLS_PER_GAP);
    if (interval.compareTo(min) < 0) {
      return min;
    }
    return interval.compareTo(max) > 0 ? max : interval;
  }

  /** The newest distinct post times, newest first: a plausible published date, else first seen. */
  private static List<Instant> newestTimes(List<Sighting> sightings, Instant now) {
    TreeSet<Instant> times = new TreeSet<>();
    for (Sighting sighting : sightings) {
      Instant time = when(sighting, now);
      if (time != null) {
        times.add(time);
      }
    }
    return times.descendingSet().stream().limit(SAMPLE).toList();
  }

  private static Instant when(Sighting sighting, Instant now) {
    Instant published = sighting.published();
    Instant seen = sighting.firstSeen();
    boolean plausible =
        published != null
            && !published.isAfter(now)
            && !published.isBefore(EARLIEST)
            && (seen == null || !published.isAfter(seen.plus(SKEW)));
    return plausible ? published : seen;
  }
}
