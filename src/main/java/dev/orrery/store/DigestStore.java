package dev.orrery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code digests} table: closing a subscription's digest period over the entries held for it,
 * and the digests that wait to be posted. A held delivery with no digest waits for its period to
 * close; with a digest, it waits for that digest's message.
 */
public final class DigestStore {
  private static final String HELD =
      " FROM deliveries d WHERE d.subscription_id = ? AND d.state = 'held' AND d.digest_id IS NULL";
  private static final String DISCOVERED_BEFORE =
      " AND d.entry_id IN (SELECT e.id FROM entries e WHERE e.discovered_at < ?)";

  private final Database db;

  public DigestStore(Database db) {
    this.db = db;
  }

  /**
   * Closes the period that ends at {@code dueAt}, in one transaction: the subscription's last due
   * time moves to it, and the held entries discovered before it become one digest. A period closed
   * before (or ending before one that was) is not closed again, so closing twice is closing once; a
   * period with nothing held makes no digest, so nothing is posted for it. Entries discovered at or
   * after the due time wait for the next period.
   */
  public Closure close(long subscriptionId, Instant dueAt, Instant now) {
    return db.inTransaction(
        "close the digest period of subscription " + subscriptionId,
        c -> {
          int advanced =
              Sql.update(
                  c,
                  "UPDATE subscriptions SET digest_last_due = ? WHERE id = ? AND digest_every IS"
                      + " NOT NULL AND (digest_last_due IS NULL OR digest_last_due < ?)",
                  dueAt,
                  subscriptionId,
                  dueAt);
          if (advanced == 0) {
            return new Closure.NothingDue();
          }
          return digestOfHeld(c, subscriptionId, dueAt, true, now);
        });
  }

  /**
   * Turns a subscription's digest off, in one transaction: every entry still held for it goes in
   * one last digest, due now, so nothing waits for a period that will never close; entries
   * discovered afterwards are posted one by one.
   *
   * @return what the last period came to, or {@link Closure.NothingDue} when the subscription has
   *     no digest (nothing changed)
   */
  public Closure closeAndStop(long subscriptionId, Instant now) {
    return db.inTransaction(
        "stop the digest of subscription " + subscriptionId,
        c -> {
          Instant lastDue =
              Sql.one(
                      c,
                      "SELECT digest_last_due FROM subscriptions WHERE id = ? AND digest_every IS"
                          + " NOT NULL",
                      rs -> {
                        Instant due = Sql.instant(rs, "digest_last_due");
                        return due == null ? Instant.EPOCH : due;
                      },
                      subscriptionId)
                  .orElse(null);
          if (lastDue == null) {
            return new Closure.NothingDue();
          }
          // a digest row is unique per due time: one closed this very millisecond keeps its own
          Instant due = now.isAfter(lastDue) ? now : lastDue.plusMillis(1);
          Closure last = digestOfHeld(c, subscriptionId, due, false, now);
          Sql.update(
              c,
              "UPDATE subscriptions SET digest_every = NULL, digest_at = NULL, digest_zone = NULL,"
                  + " digest_last_due = NULL WHERE id = ?",
              subscriptionId);
          return last;
        });
  }

  private static Closure digestOfHeld(
      Connection c, long subscriptionId, Instant dueAt, boolean onlyBeforeDue, Instant now)
      throws SQLException {
    String which = HELD + (onlyBeforeDue ? DISCOVERED_BEFORE : "");
    Object[] params =
        onlyBeforeDue ? new Object[] {subscriptionId, dueAt} : new Object[] {subscriptionId};
    int held = Sql.one(c, "SELECT COUNT(*)" + which, rs -> rs.getInt(1), params).orElse(0);
    if (held == 0) {
      return new Closure.Empty();
    }
    Long digestId =
        Sql.one(
                c,
                "INSERT INTO digests (subscription_id, due_at, state, next_attempt_at, created_at)"
                    + " VALUES (?, ?, 'pending', ?, ?) ON CONFLICT (subscription_id, due_at) DO"
                    + " NOTHING RETURNING id",
                rs -> rs.getLong(1),
                subscriptionId,
                dueAt,
                now,
                now)
            .orElse(null);
    if (digestId == null) {
      return new Closure.NothingDue();
    }
    Object[] attach = new Object[params.length + 1];
    attach[0] = digestId;
    System.arraycopy(params, 0, attach, 1, params.length);
    int attached =
        Sql.update(
            c,
            "UPDATE deliveries SET digest_id = ? WHERE id IN (SELECT d.id" + which + ")",
            attach);
    return new Closure.Made(digestId, attached);
  }

  /**
   * The oldest pending digest of each Discord channel on the node's shards, when it is due and no
   * other node's claim holds it: what the node may send now without overtaking an older digest of
   * its channel.
   */
  public List<PendingDigest> nextPerChannel(Instant now, String node, ShardSlice slice, int limit) {
    return db.withConnection(
        "read the next digest of each channel",
        c ->
            Sql.list(
                c,
                "SELECT g.id AS g_id, g.attempts AS g_attempts, g.due_at AS g_due_at,"
                    + " g.created_at AS g_created_at, "
                    + SubscriptionStore.COLUMNS
                    + ", "
                    + FeedStore.COLUMNS
                    + " FROM (SELECT g.id, g.next_attempt_at, ROW_NUMBER() OVER (PARTITION BY"
                    + " s.channel_id ORDER BY g.due_at, g.id) AS position FROM digests g JOIN"
                    + " subscriptions s ON s.id = g.subscription_id WHERE g.state = 'pending' AND"
                    + " s.paused_reason IS NULL AND s.channel_id <> "
                    + Subscription.CONSOLE_CHANNEL
                    + " AND "
                    + slice.condition("s.guild_id")
                    + ") head JOIN digests g ON g.id = head.id JOIN subscriptions s ON s.id ="
                    + " g.subscription_id JOIN feeds f ON f.id = s.feed_id WHERE head.position = 1"
                    + " AND head.next_attempt_at <= ? AND "
                    + Claims.free("g.")
                    + " ORDER BY g.due_at, g.id LIMIT ?",
                rs ->
                    new PendingDigest(
                        rs.getLong("g_id"),
                        rs.getInt("g_attempts"),
                        Sql.instant(rs, "g_due_at"),
                        Sql.instant(rs, "g_created_at"),
                        SubscriptionStore.map(rs),
                        FeedStore.map(rs)),
                now,
                now,
                node,
                limit));
  }

  /** The entries a digest lists, oldest first. */
  public List<Entry> entries(long digestId) {
    return db.withConnection(
        "read the entries of digest " + digestId,
        c ->
            Sql.list(
                c,
                "SELECT "
                    + EntryStore.COLUMNS
                    + " FROM deliveries d JOIN entries e ON e.id = d.entry_id WHERE d.digest_id = ?"
                    + " ORDER BY e.published_at, e.id",
                EntryStore::map,
                digestId));
  }

  /**
   * Claims the digest for one try by {@code node}, and records the try before it is made, so a try
   * cut short by a crash is known afterwards; see {@link Claims}.
   *
   * @return whether this node won the try and may send
   */
  public boolean claim(long digestId, String node, Instant now) {
    return db.withConnection(
        "claim digest " + digestId + " for node " + node,
        c -> Claims.claim(c, "digests", "attempts = attempts + 1", List.of(), digestId, node, now));
  }

  /**
   * Marks the digest and its deliveries sent, in one transaction, once Discord confirmed every
   * message of it.
   *
   * @param messageId the digest's first message
   * @param messageOfEntry the message that lists each entry, by entry id
   */
  public void markSent(long digestId, Long messageId, Map<Long, Long> messageOfEntry, Instant now) {
    db.inTransaction(
        "mark digest " + digestId + " sent",
        c -> {
          Sql.update(
              c,
              "UPDATE digests SET state = 'sent', message_id = ?, sent_at = ?, last_error = NULL, "
                  + Claims.RELEASE
                  + " WHERE id = ?",
              messageId,
              now,
              digestId);
          Sql.update(
              c,
              "UPDATE deliveries SET state = 'sent', message_id = ?, sent_at = ?, last_error = NULL"
                  + " WHERE digest_id = ? AND state = 'held'",
              messageId,
              now,
              digestId);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE deliveries SET message_id = ? WHERE digest_id = ? AND entry_id = ?")) {
            for (Map.Entry<Long, Long> sent : messageOfEntry.entrySet()) {
              Sql.bind(ps, sent.getValue(), digestId, sent.getKey());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** A try failed in a way worth repeating later (5xx, time-out). */
  public void retryLater(long digestId, String error, Instant nextAttempt) {
    db.withConnection(
        "reschedule digest " + digestId,
        c ->
            Sql.update(
                c,
                "UPDATE digests SET last_error = ?, next_attempt_at = ?, "
                    + Claims.RELEASE
                    + " WHERE id = ?",
                error,
                nextAttempt,
                digestId));
  }

  /** A try failed for good: the digest and its deliveries stay as a record of why. */
  public void markFailed(long digestId, String error) {
    db.inTransaction(
        "mark digest " + digestId + " failed",
        c -> {
          Sql.update(
              c,
              "UPDATE digests SET state = 'failed', last_error = ?, "
                  + Claims.RELEASE
                  + " WHERE id = ?",
              error,
              digestId);
          return Sql.update(
              c,
              "UPDATE deliveries SET state = 'failed', last_error = ? WHERE digest_id = ? AND state"
                  + " = 'held'",
              error,
              digestId);
        });
  }

  /** The digests of a subscription, oldest period first. */
  public List<Digest> forSubscription(long subscriptionId) {
    return db.withConnection(
        "list the digests of subscription " + subscriptionId,
        c ->
            Sql.list(
                c,
                "SELECT id, subscription_id, due_at, state, attempts, message_id, last_error FROM"
                    + " digests WHERE subscription_id = ? ORDER BY due_at, id",
                DigestStore::map,
                subscriptionId));
  }

  private static Digest map(ResultSet rs) throws SQLException {
    return new Digest(
        rs.getLong("id"),
        rs.getLong("subscription_id"),
        Sql.instant(rs, "due_at"),
        rs.getString("state"),
        rs.getInt("attempts"),
        Sql.nullableLong(rs, "message_id"),
        rs.getString("last_error"));
  }
}
