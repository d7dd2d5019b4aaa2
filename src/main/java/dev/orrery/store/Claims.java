package dev.orrery.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a node takes a pending delivery or digest for one try, so that two nodes on one database
 * never send the same one: the claim and the record of the try are one conditional UPDATE.
 *
 * <p>Why a conditional UPDATE rather than {@code SELECT … FOR UPDATE SKIP LOCKED}: the deliverer
 * already knows which row is next in its channel (the order is fixed), so there is no queue to take
 * "any free row" from; and the claim must outlive the statement, since a send to Discord is too
 * long to hold a transaction open for. On PostgreSQL under READ COMMITTED, a second UPDATE of the
 * same row waits for the first to commit and then checks its WHERE again on the new row, so only
 * one wins; SQLite runs one writer at a time. The same statement holds on both dialects.
 */
final class Claims {
  /**
   * How long a claim keeps other nodes off: longer than a send normally takes, short enough that
   * the work of a node that died is taken over within half a minute. A send that outlasts it may be
   * made twice, and then the nonce (or the earlier-post lookup of webhooks) keeps it from landing
   * twice.
   */
  static final Duration HOLD = Duration.ofSeconds(20);

  /** Settling a try lets go of its claim. */
  static final String RELEASE = "claimed_by = NULL, claimed_until = NULL";

  private Claims() {}

  /**
   * The condition that no other node's claim holds a row now, on columns named with {@code prefix}
   * ("d." or none); its parameters are the time now, then the node.
   */
  static String free(String prefix) {
    return "("
        + prefix
        + "claimed_until IS NULL OR "
        + prefix
        + "claimed_until <= ? OR "
        + prefix
        + "claimed_by = ?)";
  }

  /**
   * Claims row {@code id} of {@code table} for {@code node} when it is pending, due, and not held
   * by another node's claim, and sets {@code alsoSet} (its parameters given first) in the same
   * statement. A node takes back its own claim at once: the same node restarted resumes its work.
   *
   * @return whether this node won the row
   */
  static boolean claim(
      Connection c,
      String table,
      String alsoSet,
      List<Object> alsoSetParams,
      long id,
      String node,
      Instant now)
      throws SQLException {
    List<Object> params = new ArrayList<>(alsoSetParams);
    params.addAll(List.of(node, now.plus(HOLD), id, now, now, node));
    String sql =
        "UPDATE "
            + table
            + " SET "
            + alsoSet
            + ", claimed_by = ?, claimed_until = ? WHERE id = ? AND state = 'pending'"
            + " AND next_attempt_at <= ? AND "
            + free("");
    return Sql.update(c, sql, params.toArray()) == 1;
  }
}
