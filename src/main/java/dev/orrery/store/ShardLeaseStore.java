package dev.orrery.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code shard_leases} table: which node holds which Discord shard until when. Each change is
 * one statement whose condition decides it, so two nodes racing for a shard cannot both win.
 */
public final class ShardLeaseStore {
  private final Database db;

  public ShardLeaseStore(Database db) {
    this.db = db;
  }

  /**
   * Extends the leases {@code node} still holds at {@code now} to {@code until}.
   *
   * @return the shards it holds now; a lease that ended before this renewal is no longer among them
   */
  public Set<Integer> renew(String node, Instant now, Instant until) {
    return db.inTransaction(
        "renew the shard leases of node " + node,
        c -> {
          Sql.update(
              c,
              "UPDATE shard_leases SET expires_at = ? WHERE node_id = ? AND expires_at >= ?",
              until,
              node,
              now);
          return new TreeSet<>(
              Sql.list(
                  c,
                  "SELECT shard_id FROM shard_leases WHERE node_id = ? AND expires_at >= ?",
                  rs -> rs.getInt("shard_id"),
                  node,
                  now));
        });
  }

  /**
   * Takes the shard for {@code node} until {@code until} if nobody holds it at {@code now}: never
   * leased, released, or its lease ended.
   *
   * @return whether {@code node} holds the shard now
   */
  public boolean claim(String node, int shard, Instant now, Instant until) {
    return db.withConnection(
            "claim shard " + shard + " for node " + node,
            c ->
                Sql.update(
                    c,
                    "INSERT INTO shard_leases (shard_id, node_id, expires_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (shard_id) DO UPDATE SET node_id = excluded.node_id,"
                        + " expires_at = excluded.expires_at"
                        + " WHERE shard_leases.expires_at < ? OR shard_leases.node_id ="
                        + " excluded.node_id",
                    shard,
                    node,
                    until,
                    now))
        == 1;
  }

  /** Gives the shard up at once, if {@code node} holds it, so another node may claim it. */
  public void release(String node, int shard) {
    db.withConnection(
        "release shard " + shard + " of node " + node,
        c ->
            Sql.update(
                c, "DELETE FROM shard_leases WHERE shard_id = ? AND node_id = ?", shard, node));
  }

  /** Gives up every shard {@code node} holds. */
  public void releaseAll(String node) {
    db.withConnection(
        "release the shards of node " + node,
        c -> Sql.update(c, "DELETE FROM shard_leases WHERE node_id = ?", node));
  }

  /** The shards {@code node} holds at {@code now}. */
  public Set<Integer> held(String node, Instant now) {
    return new TreeSet<>(
        holders(now).entrySet().stream()
            .filter(e -> e.getValue().equals(node))
            .map(Map.Entry::getKey)
            .toList());
  }

  /** Every shard held at {@code now}, with its node; a shard not listed is free to claim. */
  public Map<Integer, String> holders(Instant now) {
    return db.withConnection(
        "read the shard leases",
        c -> {
          Map<Integer, String> holders = new HashMap<>();
          Sql.list(
                  c,
                  "SELECT shard_id, node_id FROM shard_leases WHERE expires_at >= ?",
                  rs -> Map.entry(rs.getInt("shard_id"), rs.getString("node_id")),
                  now)
              .forEach(e -> holders.put(e.getKey(), e.getValue()));
          return holders;
        });
  }
}
