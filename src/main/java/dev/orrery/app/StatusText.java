package dev.orrery.app;

import dev.orrery.feed.Readable;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code orrery status} for a terminal: the totals on one line, then a table with a line per feed,
 * and under a failing or paused feed a line saying why. Long URLs, errors and channel lists are
 * shortened; {@code --json} keeps everything.
 */
final class StatusText {
  static final String NOTHING_WATCHED =
      "no feeds are watched yet: subscribe a channel with /subscribe, or name channels and sources"
          + " in the configuration (subscriptions.<name>.channel and .source)";
  private static final List<String> HEADER =
      List.of("STATE", "FEED", "POLLED", "NEXT POLL", "LAST SUCCESS", "PENDING", "CHANNELS");
  private static final int URL_MAX = 50;
  private static final int REASON_MAX = 160;
  private static final int CHANNELS_SHOWN = 5;
  private static final String GAP = "  ";

  private StatusText() {}

  static List<String> of(StatusReport report) {
    List<String> lines = new ArrayList<>();
    lines.add(totals(report));
    if (report.feeds().isEmpty()) {
      lines.add(NOTHING_WATCHED);
      return lines;
    }
    lines.add("");
    List<List<String>> cells = new ArrayList<>();
    cells.add(HEADER);
    for (StatusReport.Row row : report.feeds()) {
      cells.add(cells(row, report.now()));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : cells) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (int r = 0; r < cells.size(); r++) {
      lines.add(aligned(cells.get(r), widths));
      String why = r == 0 ? null : why(report.feeds().get(r - 1).feed());
      if (why != null) {
        // under the feed's URL, so the eye finds which feed it belongs to
        lines.add(" ".repeat(widths[0] + GAP.length()) + "↳ " + cut(why, REASON_MAX));
      }
    }
    return lines;
  }

  /** "3 feeds: 1 ok, 1 failing, 1 paused · 4 subscriptions · 3 pending deliveries, …". */
  static String totals(StatusReport report) {
    StatusReport.Totals t = report.totals();
    List<String> states = new ArrayList<>();
    for (StatusReport.State state : StatusReport.State.values()) {
      states.add(t.count(state) + " " + state.word());
    }
    String pending =
        t.pending() == 0
            ? "no pending deliveries"
            : Readable.count(t.pending(), "pending delivery", "pending deliveries")
                + ", the oldest waiting "
                + duration(Duration.between(t.oldestPending(), report.now()));
    return Readable.count(t.feeds(), "feed", "feeds")
        + ": "
        + String.join(", ", states)
        + " · "
        + Readable.count(t.subscriptions(), "subscription", "subscriptions")
        + " · "
        + pending;
  }

  private static List<String> cells(StatusReport.Row row, Instant now) {
    Feed feed = row.feed();
    FeedStatus status = row.status();
    StatusReport.Interval interval = row.interval();
    String polled =
        "every "
            + duration(interval.every())
            + (interval.reason().isEmpty() ? "" : ": " + interval.reason());
    String next;
    if (row.nextPoll() == null) {
      next = "-";
    } else if (!row.nextPoll().isAfter(now)) {
      next = "due";
    } else {
      next = "in " + duration(Duration.between(now, row.nextPoll()));
    }
    String success =
        feed.lastSuccessAt() == null
            ? "never"
            : duration(Duration.between(feed.lastSuccessAt(), now)) + " ago";
    String pending =
        status.pending() == 0
            ? "0"
            : status.pending()
                + " (oldest "
                + duration(Duration.between(status.oldestPending(), now))
                + ")";
    return List.of(
        row.state().word(), shortUrl(feed.url()), polled, next, success, pending, channels(status));
  }

  /** "2: 1001 (guild 900), 1002 (guild 900, not posting)", at most a few channels named. */
  private static String channels(FeedStatus status) {
    List<String> named = new ArrayList<>();
    for (FeedStatus.Channel c : status.channels()) {
      if (named.size() == CHANNELS_SHOWN) {
        named.add("and " + (status.channels().size() - CHANNELS_SHOWN) + " more");
        break;
      }
      if (c.console()) {
        named.add("the console of orrery poll");
      } else {
        named.add(
            c.channelId()
                + " (guild "
                + c.guildId()
                + (c.pausedReason() == null ? "" : ", not posting")
                + ")");
      }
    }
    return status.subscriptionCount() + ": " + String.join(", ", named);
  }

  /** Why a feed is not fine, or what its last poll noted; null when there is nothing to say. */
  private static String why(Feed feed) {
    if (feed.paused()) {
      return "paused"
          + (feed.pausedAt() == null ? "" : " since " + ConsoleFormat.date(feed.pausedAt()))
          + ": "
          + feed.pausedReason();
    }
    if (feed.errorCount() > 0) {
      return "failing"
          + (feed.failingSince() == null ? "" : " since " + ConsoleFormat.date(feed.failingSince()))
          + " ("
          + Readable.count(feed.errorCount(), "try", "tries")
          + "): "
          + (feed.lastError() == null ? "unknown error" : feed.lastError());
    }
    return feed.lastError() == null ? null : "last poll: " + feed.lastError();
  }

  private static String aligned(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cell.length())).append(GAP);
      }
    }
    return line.toString();
  }

  /**
   * The start and end of a long URL: the host and the feed's own path are what tell feeds apart.
   */
  static String shortUrl(String url) {
    if (url.length() <= URL_MAX) {
      return url;
    }
    int head = URL_MAX / 2;
    int tail = URL_MAX - head - 1;
    return url.substring(0, head) + "…" + url.substring(url.length() - tail);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** "45 s", "4 min", "2 h 5 min", "3 d 4 h": to the unit a person cares about at that size. */
  static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    long min = s / 60;
    if (min < 60) {
      return min + " min";
    }
    long h = min / 60;
    if (h < 48) {
      return h + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
    }
    return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
  }
}
