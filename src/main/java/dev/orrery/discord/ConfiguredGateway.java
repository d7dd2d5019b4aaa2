package dev.orrery.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * The configured gateway ({@code discord.gateway-url}) for every shard: the shard manager would
 * otherwise connect to the URL that {@code GET gateway/bot} names.
 */
class ConfiguredGateway extends ConcurrentSessionController {
  private final String gateway;

  ConfiguredGateway(String gateway) {
    this.gateway = gateway;
  }

  @Override
  public String getGateway() {
    return gateway;
  }

  @Override
  public ShardedGateway getShardedGateway(JDA api) {
    ShardedGateway discord = super.getShardedGateway(api);
    return new ShardedGateway(gateway, discord.getShardTotal(), discord.getConcurrency());
  }
}
