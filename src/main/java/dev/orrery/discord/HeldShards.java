package dev.orrery.discord;

import dev.orrery.store.ShardSlice;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.ShardManager;

/** The shards this process's shard manager runs connected, as the slice of guilds it posts to. */
final class HeldShards implements Supplier<ShardSlice> {
  private final ShardManager shards;

  HeldShards(ShardManager shards) {
    this.shards = shards;
  }

  @Override
  public ShardSlice get() {
    // connected ones only: a shard still loading its servers does not know their channels yet,
    // and a delivery tried then would wait out a growing backoff for nothing
    Set<Integer> ids =
        shards.getShards().stream()
            .filter(jda -> jda.getStatus() == JDA.Status.CONNECTED)
            .map(JDA::getShardInfo)
            .map(JDA.ShardInfo::getShardId)
            .collect(Collectors.toSet());
    return new ShardSlice(ids, shards.getShardsTotal());
  }
}
