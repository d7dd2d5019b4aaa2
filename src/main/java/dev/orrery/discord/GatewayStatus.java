package dev.orrery.discord;

import java.util.Map;
import java.util.TreeMap;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.ShardManager;

/** The gateway connections of the bot's shards, in words: for the metrics and the health check. */
public final class GatewayStatus {
  /** JDA's name for a shard whose gateway connection is up. */
  public static final String CONNECTED = JDA.Status.CONNECTED.name();

  private final DiscordBot bot;

  public GatewayStatus(DiscordBot bot) {
    this.bot = bot;
  }

  /**
   * The status of each shard this node runs, by shard id, as JDA names it ({@code CONNECTED},
   * {@code RECONNECT_QUEUED}, ...); empty while it runs none.
   */
  public Map<Integer, String> byShard() {
    ShardManager running = bot.shards();
    Map<Integer, String> status = new TreeMap<>();
    if (running != null) {
      for (JDA shard : running.getShards()) {
        status.put(shard.getShardInfo().getShardId(), shard.getStatus().name());
      }
    }
    return status;
  }
}
