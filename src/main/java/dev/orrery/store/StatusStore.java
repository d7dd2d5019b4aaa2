package dev.orrery.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code orrery status} reads: every watched feed with its subscriptions and pending
 * deliveries. Two reads whatever the number of feeds, each counted per feed by the database; only
 * reads, in auto-commit, so a running bot's writers never wait for it.
 */
public final class StatusStore {
  // per feed: its subscriptions, and its pending deliveries with the oldest one's queueing time;
  // the feeds no subscription wants are left out, as the scheduler leaves them
  private static final String FEEDS =
      "SELECT "
          + FeedStore.COLUMNS
          + ", w.subscriptions AS w_subscriptions, p.pending AS p_pending, p.oldest AS p_oldest"
          + " FROM feeds f"
          + " JOIN (SELECT feed_id, COUNT(*) AS subscriptions FROM subscriptions GROUP BY feed_id)"
          + " w ON w.feed_id = f.id"
          + " LEFT JOIN (SELECT s.feed_id AS feed_id, COUNT(*) AS pending, MIN(d.created_at) AS"
          + " oldest FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE"
          + " d.state = 'pending' GROUP BY s.feed_id) p ON p.feed_id = f.id"
          + " ORDER BY f.id";
  private static final String CHANNELS =
      "SELECT feed_id, guild_id, channel_id, paused_reason FROM subscriptions"
          + " ORDER BY feed_id, channel_id";

  private final Database db;

  public StatusStore(Database db) {
    this.db = db;
  }

  /** Every feed a subscription wants, paused or not, by id. */
  public List<FeedStatus> watchedFeeds() {
    return db.withConnection(
        "read the watched feeds and their subscriptions",
        c -> {
          Map<Long, List<FeedStatus.Channel>> channels = new HashMap<>();
          for (Map.Entry<Long, FeedStatus.Channel> row :
              Sql.list(c, CHANNELS, StatusStore::channel)) {
            channels.computeIfAbsent(row.getKey(), id -> new ArrayList<>()).add(row.getValue());
          }
          return Sql.list(
              c,
              FEEDS,
              rs -> {
                Feed feed = FeedStore.map(rs);
                Instant oldest = Sql.instant(rs, "p_oldest");
                return new FeedStatus(
                    feed,
                    rs.getInt("w_subscriptions"),
                    channels.getOrDefault(feed.id(), List.of()),
                    rs.getInt("p_pending"),
                    oldest);
              });
        });
  }

  private static Map.Entry<Long, FeedStatus.Channel> channel(ResultSet rs) throws SQLException {
    return Map.entry(
        rs.getLong("feed_id"),
        new FeedStatus.Channel(
            rs.getLong("guild_id"), rs.getLong("channel_id"), rs.getString("paused_reason")));
  }
}
