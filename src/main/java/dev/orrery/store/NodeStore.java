package dev.orrery.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The {@code nodes} table: which processes share the database, and when each last said so. */
public final class NodeStore {
  private final Database db;

  public NodeStore(Database db) {
    this.db = db;
  }

  /** Notes that {@code node} is alive at {@code now}; its first heartbeat is its start. */
  public void heartbeat(String node, Instant now) {
    db.withConnection(
        "record the heartbeat of node " + node,
        c ->
            Sql.update(
                c,
                "INSERT INTO nodes (node_id, started_at, seen_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (node_id) DO UPDATE SET seen_at = excluded.seen_at",
                node,
                now,
                now));
  }

  /** The nodes seen within {@code ttl} before {@code now}, by name. */
  public List<String> liveNodes(Instant now, Duration ttl) {
    return db.withConnection(
        "list the live nodes",
        c ->
            Sql.list(
                c,
                "SELECT node_id FROM nodes WHERE seen_at >= ? ORDER BY node_id",
                rs -> rs.getString("node_id"),
                now.minus(ttl)));
  }

  /** Removes the node: it has stopped, and the others need not wait for its heartbeat to age. */
  public void forget(String node) {
    db.withConnection(
        "remove node " + node, c -> Sql.update(c, "DELETE FROM nodes WHERE node_id = ?", node));
  }

  /** Removes the nodes not seen since {@code before}: killed processes leave their row behind. */
  public int forgetUnseenSince(Instant before) {
    return db.withConnection(
        "remove the nodes not seen since " + before,
        c -> Sql.update(c, "DELETE FROM nodes WHERE seen_at < ?", before));
  }
}
