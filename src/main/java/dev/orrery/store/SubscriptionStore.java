package dev.orrery.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code subscriptions} table: which channel wants which feed. */
public final class SubscriptionStore {
  /** The columns {@link #map} reads, as {@code s_<column>} of table alias {@code s}. */
  static final String COLUMNS =
      Sql.columns(
          "s",
          "s_",
          "id",
          "guild_id",
          "channel_id",
          "feed_id",
          "mention_role_id",
          "created_by",
          "created_at",
          "paused_reason");

  private final Database db;

  public SubscriptionStore(Database db) {
    this.db = db;
  }

  /**
   * Subscribes a channel to a feed.
   *
   * @return the new subscription, or empty when the channel already has this feed (nothing changed)
   */
  public Optional<Subscription> create(
      long guildId, long channelId, long feedId, Long mentionRoleId, Long createdBy, Instant now) {
    return db.inTransaction(
        "subscribe channel " + channelId + " to feed " + feedId,
        c -> {
          int added =
              Sql.update(
                  c,
                  "INSERT INTO subscriptions (guild_id, channel_id, feed_id, mention_role_id,"
                      + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT"
                      + " (channel_id, feed_id) DO NOTHING",
                  guildId,
                  channelId,
                  feedId,
                  mentionRoleId,
                  createdBy,
                  now);
          if (added == 0) {
            return Optional.<Subscription>empty();
          }
          return Sql.one(
              c,
              "SELECT "
                  + COLUMNS
                  + " FROM subscriptions s WHERE s.channel_id = ? AND s.feed_id = ?",
              SubscriptionStore::map,
              channelId,
              feedId);
        });
  }

  public Optional<Subscription> find(long channelId, long feedId) {
    return db.withConnection(
        "read the subscription of channel " + channelId,
        c ->
            Sql.one(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM subscriptions s WHERE s.channel_id = ? AND s.feed_id = ?",
                SubscriptionStore::map,
                channelId,
                feedId));
  }

  public List<Subscription> forGuild(long guildId) {
    return db.withConnection(
        "list the subscriptions of server " + guildId,
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM subscriptions s WHERE s.guild_id = ? ORDER BY s.channel_id, s.id",
                SubscriptionStore::map,
                guildId));
  }

  public List<Subscription> forChannel(long channelId) {
    return db.withConnection(
        "list the subscriptions of channel " + channelId,
        c ->
            Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM subscriptions s WHERE s.channel_id = ? ORDER BY s.id",
                SubscriptionStore::map,
                channelId));
  }

  public List<Subscription> forFeed(long feedId) {
    return db.withConnection(
        "list the subscriptions to feed " + feedId,
        c ->
            Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM subscriptions s WHERE s.feed_id = ? ORDER BY s.id",
                SubscriptionStore::map,
                feedId));
  }

  /** Removes a subscription and, with it, the deliveries still waiting for it. */
  public boolean delete(long id) {
    return db.withConnection(
            "remove subscription " + id,
            c -> Sql.update(c, "DELETE FROM subscriptions WHERE id = ?", id))
        == 1;
  }

  /** Removes every subscription of a channel that no longer exists. */
  public int deleteChannel(long channelId) {
    return db.withConnection(
        "remove the subscriptions of channel " + channelId,
        c -> Sql.update(c, "DELETE FROM subscriptions WHERE channel_id = ?", channelId));
  }

  /** Stops posting to a subscription (the bot lost access); new entries are not queued for it. */
  public boolean pause(long id, String reason) {
    return db.withConnection(
            "pause subscription " + id,
            c ->
                Sql.update(
                    c,
                    "UPDATE subscriptions SET paused_reason = ? WHERE id = ? AND paused_reason IS"
                        + " NULL",
                    reason,
                    id))
        == 1;
  }

  public boolean resume(long id) {
    return db.withConnection(
            "resume subscription " + id,
            c ->
                Sql.update(
                    c,
                    "UPDATE subscriptions SET paused_reason = NULL WHERE id = ? AND paused_reason"
                        + " IS NOT NULL",
                    id))
        == 1;
  }

  static Subscription map(ResultSet rs) throws SQLException {
    return new Subscription(
        rs.getLong("s_id"),
        rs.getLong("s_guild_id"),
        rs.getLong("s_channel_id"),
        rs.getLong("s_feed_id"),
        Sql.nullableLong(rs, "s_mention_role_id"),
        Sql.nullableLong(rs, "s_created_by"),
        Sql.instant(rs, "s_created_at"),
        rs.getString("s_paused_reason"));
  }
}
