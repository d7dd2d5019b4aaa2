package dev.orrery.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The {@code deliveries} table: what waits to be posted, and what was. */
public final class DeliveryStore {
  private static final String DELIVERY_COLUMNS =
      "d.id AS d_id, d.attempts AS d_attempts, d.more_count AS d_more, d.created_at AS d_created,"
          + " d.attempted_at AS d_attempted";
  private static final String PENDING_JOIN =
      "SELECT "
          + DELIVERY_COLUMNS
          + ", "
          + SubscriptionStore.COLUMNS
          + ", "
          + EntryStore.COLUMNS
          + ", "
          + FeedStore.COLUMNS
          + " FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id"
          + " JOIN entries e ON e.id = d.entry_id JOIN feeds f ON f.id = s.feed_id"
          + " WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND s.paused_reason IS NULL ";
  // oldest first per channel: by publication, then by the order entries were stored
  private static final String ORDER = " ORDER BY e.published_at, e.id LIMIT ?";

  private final Database db;

  public DeliveryStore(Database db) {
    this.db = db;
  }

  /** Due deliveries to Discord channels, oldest entry first. */
  public List<Delivery> dueForDiscord(Instant now, int limit) {
    return db.withConnection(
        "read the pending deliveries",
        c ->
            Sql.list(
                c,
                PENDING_JOIN + "AND s.channel_id <> " + Subscription.CONSOLE_CHANNEL + ORDER,
                DeliveryStore::map,
                now,
                limit));
  }

  /**
   * The oldest pending delivery of each Discord channel on the node's shards, when it is due and no
   * other node's claim holds it: what the node may send now without overtaking anything in its
   * channel. A channel whose oldest delivery waits for a retry, or for another node's try, sends
   * nothing until then, and a long backlog in one channel cannot starve the others.
   */
  public List<Delivery> nextPerChannel(Instant now, String node, ShardSlice slice, int limit) {
    return db.withConnection(
        "read the next delivery of each channel",
        c ->
            Sql.list(
                c,
                "SELECT "
                    + DELIVERY_COLUMNS
                    + ", "
                    + SubscriptionStore.COLUMNS
                    + ", "
                    + EntryStore.COLUMNS
                    + ", "
                    + FeedStore.COLUMNS
                    + " FROM (SELECT d.id, d.next_attempt_at, ROW_NUMBER() OVER ("
                    + "PARTITION BY s.channel_id ORDER BY e.published_at, e.id) AS position"
                    + " FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id"
                    + " JOIN entries e ON e.id = d.entry_id"
                    + " WHERE d.state = 'pending' AND s.paused_reason IS NULL AND s.channel_id <> "
                    + Subscription.CONSOLE_CHANNEL
                    + " AND "
                    + slice.condition("s.guild_id")
                    + ") head JOIN deliveries d ON d.id = head.id JOIN subscriptions s ON s.id ="
                    + " d.subscription_id JOIN entries e ON e.id = d.entry_id JOIN feeds f ON f.id"
                    + " = s.feed_id WHERE head.position = 1 AND head.next_attempt_at <= ? AND "
                    + Claims.free("d.")
                    + " ORDER BY e.published_at, e.id LIMIT ?",
                DeliveryStore::map,
                now,
                now,
                node,
                limit));
  }

  /** Due deliveries to one channel, oldest entry first. */
  public List<Delivery> dueForChannel(long channelId, Instant now, int limit) {
    return db.withConnection(
        "read the pending deliveries of channel " + channelId,
        c ->
            Sql.list(
                c,
                PENDING_JOIN + "AND s.channel_id = ?" + ORDER,
                DeliveryStore::map,
                now,
                channelId,
                limit));
  }

  public void markSent(long deliveryId, Long messageId, Instant now) {
    db.withConnection(
        "mark delivery " + deliveryId + " sent",
        c ->
            Sql.update(
                c,
                "UPDATE deliveries SET state = 'sent', message_id = ?, sent_at = ?,"
                    + " last_error = NULL, "
                    + Claims.RELEASE
                    + " WHERE id = ?",
                messageId,
                now,
                deliveryId));
  }

  /**
   * Claims the delivery for one try by {@code node}, and records the try before it is made, so a
   * try cut short by a crash is known afterwards; see {@link Claims}. The time of the first try is
   * kept: no message of this delivery can be older, so a post made by any earlier try is looked for
   * from then on.
   *
   * @return whether this node won the try and may send; false when the delivery is settled, not
   *     due, or another node's claim holds it
   */
  public boolean claim(long deliveryId, String node, Instant now) {
    return db.withConnection(
        "claim delivery " + deliveryId + " for node " + node,
        c ->
            Claims.claim(
                c,
                "deliveries",
                "attempts = attempts + 1, attempted_at = COALESCE(attempted_at, ?)",
                List.of(now),
                deliveryId,
                node,
                now));
  }

  /**
   * Whether a message in this channel is already recorded as another delivery's or digest's post: a
   * message found while looking for an earlier try's post is only taken when it is nobody's.
   */
  public boolean recordsMessage(long channelId, long messageId) {
    return db.withConnection(
        "look for message " + messageId + " among the posts of channel " + channelId,
        c ->
            Sql.one(
                    c,
                    "SELECT 1 FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id"
                        + " WHERE s.channel_id = ? AND d.message_id = ? UNION ALL SELECT 1 FROM"
                        + " digests g JOIN subscriptions s ON s.id = g.subscription_id WHERE"
                        + " s.channel_id = ? AND g.message_id = ?",
                    rs -> true,
                    channelId,
                    messageId,
                    channelId,
                    messageId)
                .isPresent());
  }

  /** A try failed in a way worth repeating later (5xx, time-out). */
  public void retryLater(long deliveryId, String error, Instant nextAttempt) {
    db.withConnection(
        "reschedule delivery " + deliveryId,
        c ->
            Sql.update(
                c,
                "UPDATE deliveries SET last_error = ?, next_attempt_at = ?, "
                    + Claims.RELEASE
                    + " WHERE id = ?",
                error,
                nextAttempt,
                deliveryId));
  }

  /** A try failed for good; the row stays as a record of why. */
  public void markFailed(long deliveryId, String error) {
    db.withConnection(
        "mark delivery " + deliveryId + " failed",
        c ->
            Sql.update(
                c,
                "UPDATE deliveries SET state = 'failed', last_error = ?, "
                    + Claims.RELEASE
                    + " WHERE id = ?",
                error,
                deliveryId));
  }

  /**
   * Queues the latest {@code count} entries of the subscription's feed, as a new subscriber asked.
   *
   * @return how many were queued
   */
  public int backfill(Subscription subscription, int count, Instant now) {
    return db.withConnection(
        "queue the latest entries for subscription " + subscription.id(),
        c ->
            Sql.update(
                c,
                "INSERT INTO deliveries (subscription_id, entry_id, state, next_attempt_at,"
                    + " created_at) SELECT ?, e.id, 'pending', ?, ? FROM entries e WHERE e.feed_id"
                    + " = ? ORDER BY e.published_at DESC, e.id DESC LIMIT ? ON CONFLICT"
                    + " (subscription_id, entry_id) DO NOTHING",
                subscription.id(),
                now,
                now,
                subscription.feedId(),
                count));
  }

  /**
   * Queues existing entries of the subscription's feed at once, as a new subscriber asked.
   *
   * @param chosen the entries, as the subscription's filter chose them
   * @return how many were queued
   */
  public int backfill(Subscription subscription, List<Entry> chosen, Instant now) {
    return db.inTransaction(
        "queue the latest entries for subscription " + subscription.id(),
        c -> {
          int queued = 0;
          for (Entry entry : chosen) {
            queued +=
                Sql.update(
                    c,
                    "INSERT INTO deliveries (subscription_id, entry_id, state, next_attempt_at,"
                        + " created_at) VALUES (?, ?, 'pending', ?, ?) ON CONFLICT"
                        + " (subscription_id, entry_id) DO NOTHING",
                    subscription.id(),
                    entry.id(),
                    now,
                    now);
          }
          return queued;
        });
  }

  /** What became of an entry for a subscription: its state and, when skipped, why. */
  public record Fate(String state, String skipReason) {}

  /** The fate of an entry for a subscription, or empty when no delivery was made for it. */
  public java.util.Optional<Fate> fate(long subscriptionId, long entryId) {
    return db.withConnection(
        "read the delivery of entry " + entryId + " to subscription " + subscriptionId,
        c ->
            Sql.one(
                c,
                "SELECT state, skip_reason FROM deliveries WHERE subscription_id = ? AND entry_id"
                    + " = ?",
                rs -> new Fate(rs.getString(1), rs.getString(2)),
                subscriptionId,
                entryId));
  }

  /** Counts deliveries in a state, for health reports and tests. */
  public int count(String state) {
    return db.withConnection(
        "count the " + state + " deliveries",
        c ->
            Sql.one(c, "SELECT COUNT(*) FROM deliveries WHERE state = ?", rs -> rs.getInt(1), state)
                .orElse(0));
  }

  static Delivery map(ResultSet rs) throws SQLException {
    return new Delivery(
        rs.getLong("d_id"),
        rs.getInt("d_attempts"),
        rs.getInt("d_more"),
        Sql.instant(rs, "d_created"),
        Sql.instant(rs, "d_attempted"),
        SubscriptionStore.map(rs),
        EntryStore.map(rs),
        FeedStore.map(rs));
  }
}
