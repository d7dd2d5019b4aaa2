package dev.orrery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one refresh queues for each subscription of the feed: every new entry becomes a delivery
 * that is pending, held for a digest, or skipped with the reason (the filter stopped it, the
 * channel has the story from another source, or the burst was over the per-poll cap).
 */
final class DeliveryPlan {
  private final List<Row> rows = new ArrayList<>();
  private int queued;
  private int skipped;

  private record Row(long subscription, long entry, String state, int more, String reason) {}

  /**
   * @param stories the new entries, oldest first
   * @param seen what the subscribers' channels already have from other sources, or null to post a
   *     story carried by two sources twice
   */
  DeliveryPlan(
      List<Subscription> subscriptions,
      List<Story> stories,
      int maxPerPoll,
      Admission admission,
      Stories seen)
      throws SQLException {
    for (Subscription subscription : subscriptions) {
      List<Row> posted = new ArrayList<>();
      for (Story story : stories) {
        String reason = admission.refusal(subscription, story.entry());
        if (reason == null && seen != null) {
          String source = seen.postedFrom(subscription.channelId(), story, stories);
          if (source != null) {
            reason = "already posted in this channel from " + source;
          }
        }
        if (reason != null) {
          rows.add(new Row(subscription.id(), story.entry().id(), "skipped", 0, reason));
        } else if (subscription.digest() != null) {
          // a digest lists every entry of its period: no cap
          rows.add(new Row(subscription.id(), story.entry().id(), "held", 0, null));
        } else {
          posted.add(new Row(subscription.id(), story.entry().id(), "pending", 0, null));
        }
      }
      int overCap = Math.max(0, posted.size() - maxPerPoll);
      for (int i = 0; i < posted.size(); i++) {
        Row row = posted.get(i);
        if (i < overCap) {
          rows.add(
              new Row(row.subscription(), row.entry(), "skipped", 0, EntryStore.SKIPPED_OVER_CAP));
        } else {
          // the newest entry, posted last, carries the count of the older ones left out
          rows.add(i == posted.size() - 1 && overCap > 0 ? withMore(row, overCap) : row);
        }
      }
    }
    for (Row row : rows) {
      if (row.state().equals("skipped")) {
        skipped++;
      } else {
        queued++;
      }
    }
  }

  private static Row withMore(Row row, int more) {
    return new Row(row.subscription(), row.entry(), row.state(), more, null);
  }

  void insert(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO deliveries (subscription_id, entry_id, state, next_attempt_at, more_count,"
                + " skip_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT"
                + " (subscription_id, entry_id) DO NOTHING")) {
      for (Row row : rows) {
        Sql.bind(
            ps, row.subscription(), row.entry(), row.state(), now, row.more(), row.reason(), now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deliveries pending or held for a digest. */
  int queued() {
    return queued;
  }

  int skipped() {
    return skipped;
  }
}
