package dev.orrery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code feeds} table: which URLs are watched and how polling them goes. */
public final class FeedStore {
  /** The columns {@link #map} reads, as {@code f_<column>} of table alias {@code f}. */
  static final String COLUMNS =
      Sql.columns(
          "f",
          "f_",
          "id",
          "url",
          "fetch_url",
          "title",
          "site_url",
          "etag",
          "last_modified",
          "content_hash",
          "created_at",
          "next_poll_at",
          "last_polled_at",
          "last_success_at",
          "last_new_at",
          "error_count",
          "last_error",
          "failing_since",
          "paused_reason",
          "paused_at",
          "image_url",
          "ttl_seconds",
          "poll_interval_seconds",
          "poll_interval_reason");

  private final Database db;

  public FeedStore(Database db) {
    this.db = db;
  }

  /** The feed with this URL, created (due at once) when it is new. */
  public Feed findOrCreate(String url, Instant now) {
    return db.inTransaction(
        "add the feed " + url,
        c -> {
          Sql.update(
              c,
              "INSERT INTO feeds (url, created_at, next_poll_at) VALUES (?, ?, ?) ON CONFLICT (url)"
                  + " DO NOTHING",
              url,
              now,
              now);
          return byUrl(c, url).orElseThrow();
        });
  }

  public Optional<Feed> find(long id) {
    return db.withConnection(
        "read feed " + id,
        c -> Sql.one(c, "SELECT " + COLUMNS + " FROM feeds f WHERE f.id = ?", FeedStore::map, id));
  }

  public Optional<Feed> findByUrl(String url) {
    return db.withConnection("read the feed " + url, c -> byUrl(c, url));
  }

  static Optional<Feed> byUrl(Connection c, String url) throws SQLException {
    return Sql.one(c, "SELECT " + COLUMNS + " FROM feeds f WHERE f.url = ?", FeedStore::map, url);
  }

  /** Feeds that a channel wants and that are not paused: the ones the bot polls. */
  public List<Feed> watched() {
    return watched(false);
  }

  /**
   * Feeds that are not paused and that a subscription wants: a channel's, or with {@code console}
   * the console's too. A bot never counts the console's: a console run that was killed leaves its
   * subscriptions behind until the next run clears them.
   */
  public List<Feed> watched(boolean console) {
    return db.withConnection(
        "list the watched feeds",
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM feeds f WHERE f.paused_reason IS NULL AND "
                    + wanted(console)
                    + " ORDER BY f.id",
                FeedStore::map));
  }

  /** The feed if it should be polled: not paused, and wanted as {@link #watched(boolean)} says. */
  public Optional<Feed> findWatched(long id, boolean console) {
    return db.withConnection(
        "read watched feed " + id,
        c ->
            Sql.one(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM feeds f WHERE f.id = ? AND f.paused_reason IS NULL AND "
                    + wanted(console),
                FeedStore::map,
                id));
  }

  /**
   * The watched feeds (as {@link #watched()} says) of one partition that are due by {@code now},
   * the longest due first, at most {@code limit}. A feed is in partition {@code id % partitions}:
   * in exactly one.
   */
  public List<Feed> dueInPartition(int partition, int partitions, Instant now, int limit) {
    return db.withConnection(
        "list the due feeds of partition " + partition + " of " + partitions,
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM feeds f WHERE f.next_poll_at <= ? AND f.id % ? = ? AND"
                    + " f.paused_reason IS NULL AND "
                    + wanted(false)
                    + " ORDER BY f.next_poll_at, f.id LIMIT ?",
                FeedStore::map,
                now,
                partitions,
                partition,
                limit));
  }

  /**
   * The watched feeds (as {@link #watched(boolean)} says) due by {@code now}, the longest due
   * first, at most {@code limit}: what one node polls next.
   *
   * @param after the last feed of the previous page, to read on from; null for the first page
   */
  public List<Feed> due(Instant now, boolean console, Feed after, int limit) {
    String from =
        after == null ? "" : " AND (f.next_poll_at > ? OR (f.next_poll_at = ? AND f.id > ?))";
    Object[] params =
        after == null
            ? new Object[] {now, limit}
            : new Object[] {now, after.nextPollAt(), after.nextPollAt(), after.id(), limit};
    return db.withConnection(
        "list the due feeds",
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM feeds f WHERE f.next_poll_at <= ?"
                    + from
                    + " AND f.paused_reason IS NULL AND "
                    + wanted(console)
                    + " ORDER BY f.next_poll_at, f.id LIMIT ?",
                FeedStore::map,
                params));
  }

  /**
   * When the first watched feed (as {@link #watched(boolean)} says) is due, or empty when none is
   * watched.
   */
  public Optional<Instant> firstDue(boolean console) {
    return db.withConnection(
        "find when the next feed is due",
        c ->
            Sql.one(
                c,
                "SELECT f.next_poll_at AS f_next_poll_at FROM feeds f WHERE f.paused_reason IS NULL"
                    + " AND "
                    + wanted(console)
                    + " ORDER BY f.next_poll_at LIMIT 1",
                rs -> Sql.instant(rs, "f_next_poll_at")));
  }

  static String wanted(boolean console) {
    return "EXISTS (SELECT 1 FROM subscriptions s WHERE s.feed_id = f.id"
        + (console ? ")" : " AND s.channel_id <> " + Subscription.CONSOLE_CHANNEL + ")");
  }

  /** A 304, or a body whose hash matched the last one: only the poll times and validators move. */
  public void recordUnchanged(
      long id, Instant now, Instant nextPoll, String etag, String lastModified) {
    db.withConnection(
        "record an unchanged poll of feed " + id,
        c -> Sql.update(c, UNCHANGED, now, now, nextPoll, etag, lastModified, id));
  }

  /** Unchanged polls of many feeds, each as the one-feed {@code recordUnchanged}, in one go. */
  public void recordUnchanged(List<UnchangedPoll> polls) {
    if (polls.isEmpty()) {
      return;
    }
    db.inTransaction(
        "record unchanged polls of " + polls.size() + " feeds",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(UNCHANGED)) {
            for (UnchangedPoll poll : polls) {
              Sql.bind(
                  ps,
                  poll.polledAt(),
                  poll.polledAt(),
                  poll.nextPoll(),
                  poll.etag(),
                  poll.lastModified(),
                  poll.feedId());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  private static final String UNCHANGED =
      "UPDATE feeds SET last_polled_at = ?, last_success_at = ?, next_poll_at = ?,"
          + " etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
          + " error_count = 0, last_error = NULL, failing_since = NULL WHERE id = ?";

  /**
   * A failed poll: the error count grows, the reason is kept for {@code /subscriptions}.
   *
   * @return the feed as it is now
   */
  public Feed recordFailure(long id, Instant now, String reason, Instant nextPoll) {
    return db.inTransaction(
        "record a failed poll of feed " + id,
        c -> {
          Sql.update(
              c,
              "UPDATE feeds SET last_polled_at = ?, next_poll_at = ?, error_count = error_count +"
                  + " 1, last_error = ?, failing_since = COALESCE(failing_since, ?) WHERE id = ?",
              now,
              nextPoll,
              reason,
              now,
              id);
          return Sql.one(
                  c, "SELECT " + COLUMNS + " FROM feeds f WHERE f.id = ?", FeedStore::map, id)
              .orElseThrow();
        });
  }

  /** Only the next poll time moves: a server asked to come back later. */
  public void reschedule(long id, Instant now, Instant nextPoll, String note) {
    db.withConnection(
        "reschedule feed " + id,
        c ->
            Sql.update(
                c,
                "UPDATE feeds SET last_polled_at = ?, next_poll_at = ?, last_error = ? WHERE id ="
                    + " ?",
                now,
                nextPoll,
                note,
                id));
  }

  /**
   * @return true when the feed was running and is now paused
   */
  public boolean pause(long id, String reason, Instant now) {
    return db.withConnection(
            "pause feed " + id,
            c ->
                Sql.update(
                    c,
                    "UPDATE feeds SET paused_reason = ?, paused_at = ? WHERE id = ? AND"
                        + " paused_reason IS NULL",
                    reason,
                    now,
                    id))
        == 1;
  }

  public void resume(long id, Instant now) {
    db.withConnection(
        "resume feed " + id,
        c ->
            Sql.update(
                c,
                "UPDATE feeds SET paused_reason = NULL, paused_at = NULL, error_count = 0,"
                    + " failing_since = NULL, last_error = NULL, next_poll_at = ? WHERE id = ?",
                now,
                id));
  }

  /**
   * A permanent redirect: the feed is fetched from {@code newUrl} from now on, and keeps its
   * identity.
   */
  public void moveTo(long id, String newUrl) {
    db.withConnection(
        "move feed " + id + " to " + newUrl,
        c ->
            Sql.update(
                c,
                "UPDATE feeds SET fetch_url = CASE WHEN url = ? THEN NULL ELSE ? END WHERE id = ?",
                newUrl,
                newUrl,
                id));
  }

  static Feed map(ResultSet rs) throws SQLException {
    return new Feed(
        rs.getLong("f_id"),
        rs.getString("f_url"),
        rs.getString("f_fetch_url"),
        rs.getString("f_title"),
        rs.getString("f_site_url"),
        rs.getString("f_etag"),
        rs.getString("f_last_modified"),
        rs.getString("f_content_hash"),
        Sql.instant(rs, "f_created_at"),
        Sql.instant(rs, "f_next_poll_at"),
        Sql.instant(rs, "f_last_polled_at"),
        Sql.instant(rs, "f_last_success_at"),
        Sql.instant(rs, "f_last_new_at"),
        rs.getInt("f_error_count"),
        rs.getString("f_last_error"),
        Sql.instant(rs, "f_failing_since"),
        rs.getString("f_paused_reason"),
        Sql.instant(rs, "f_paused_at"),
        rs.getString("f_image_url"),
        seconds(rs, "f_ttl_seconds"),
        seconds(rs, "f_poll_interval_seconds"),
        rs.getString("f_poll_interval_reason"));
  }

  private static Duration seconds(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Duration.ofSeconds(value);
  }
}
