package dev.orrery.store;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Discord shards one node holds, out of how many there are: the node posts only to the guilds
 * on them. A guild's shard is {@code (guild_id >> 22) % total}, as Discord routes its events.
 *
 * @param shards the shard ids held, each from 0 to {@code total - 1}; may be empty
 * @param total how many shards the bot runs
 */
public record ShardSlice(Set<Integer> shards, int total) {
  public ShardSlice {
    if (total < 1) {
      throw new IllegalArgumentException(
          "a bot runs at least one shard, not " + total + ": give a shard count of 1 or more");
    }
    for (int shard : shards) {
      if (shard < 0 || shard >= total) {
        throw new IllegalArgumentException(
            "shard "
                + shard
                + " is not one of the "
                + total
                + " shards (0 to "
                + (total - 1)
                + ")");
      }
    }
    shards = Set.copyOf(shards);
  }

  /** Every shard: a node alone on its database. */
  public static ShardSlice all(int total) {
    return new ShardSlice(IntStream.range(0, total).boxed().collect(Collectors.toSet()), total);
  }

  /** Whether the guild is on one of the shards held. */
  public boolean holds(long guildId) {
    return shards.contains((int) ((guildId >>> 22) % total));
  }

  /**
   * The SQL condition that keeps the rows of the guilds held, on a guild id column; the same on
   * SQLite and PostgreSQL, which both shift and take remainders of 64-bit integers. Guild ids are
   * positive, so the arithmetic shift is the one Discord means. The numbers are written into the
   * condition: they are integers of this record, never text from outside.
   */
  String condition(String guildColumn) {
    if (shards.size() == total) {
      return "1 = 1";
    }
    if (shards.isEmpty()) {
      return "1 = 0";
    }
    String held =
        new TreeSet<>(shards).stream().map(String::valueOf).collect(Collectors.joining(", "));
    return "((" + guildColumn + " >> 22) % " + total + ") IN (" + held + ")";
  }
}
