package dev.orrery.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Counts of what the database holds, read for the metrics: the feeds by state, and the deliveries
 * waiting to be posted.
 */
public final class Census {
  private final Database db;

  public Census(Database db) {
    this.db = db;
  }

  /**
   * The feeds the channels want, by state.
   *
   * @param watched polled: not paused (the failing ones among them)
   * @param failing polled, and their last poll failed
   * @param paused no longer polled until resumed
   */
  public record Feeds(long watched, long failing, long paused) {}

  public Feeds feeds() {
    return db.withConnection(
        "count the feeds by state",
        c ->
            Sql.one(
                    c,
                    "SELECT"
                        + " SUM(CASE WHEN f.paused_reason IS NULL THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN f.paused_reason IS NULL AND f.failing_since IS NOT NULL"
                        + " THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN f.paused_reason IS NOT NULL THEN 1 ELSE 0 END)"
                        + " FROM feeds f WHERE "
                        + FeedStore.wanted(false),
                    rs -> new Feeds(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .orElse(new Feeds(0, 0, 0)));
  }

  /** How many deliveries wait to be posted (not those held for a digest). */
  public long pendingDeliveries() {
    return db.withConnection(
        "count the pending deliveries",
        c ->
            Sql.one(
                    c,
                    "SELECT COUNT(*) FROM deliveries WHERE state = 'pending'",
                    rs -> rs.getLong(1))
                .orElse(0L));
  }

  /** When the oldest delivery still waiting to be posted was queued; empty when none waits. */
  public Optional<Instant> oldestPending() {
    return db.withConnection(
        "find the oldest pending delivery",
        c ->
            Sql.one(
                    c,
                    "SELECT MIN(created_at) AS oldest FROM deliveries WHERE state = 'pending'",
                    rs -> Optional.ofNullable(Sql.instant(rs, "oldest")))
                .flatMap(o -> o));
  }
}
