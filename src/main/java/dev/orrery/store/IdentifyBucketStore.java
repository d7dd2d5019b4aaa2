package dev.orrery.store;

import java.time.Duration;
import java.time.Instant;

/** The last gateway IDENTIFY of each of the bot's buckets, shared by the nodes on one database. */
public final class IdentifyBucketStore {
  private final Database db;

  public IdentifyBucketStore(Database db) {
    this.db = db;
  }

  /**
   * Takes the bucket's turn at {@code now} if no node took it within {@code window}: one statement,
   * so of two nodes asking at once only one gets it.
   *
   * @return whether this caller may identify now
   */
  public boolean take(int bucket, Instant now, Duration window) {
    return db.withConnection(
            "take the identify turn of bucket " + bucket,
            c ->
                Sql.update(
                    c,
                    "INSERT INTO identify_buckets (bucket, last_at) VALUES (?, ?)"
                        + " ON CONFLICT (bucket) DO UPDATE SET last_at = excluded.last_at"
                        + " WHERE identify_buckets.last_at <= ?",
                    bucket,
                    now,
                    now.minus(window)))
        == 1;
  }
}
