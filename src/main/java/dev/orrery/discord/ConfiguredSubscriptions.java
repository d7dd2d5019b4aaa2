package dev.orrery.discord;

import dev.orrery.config.Config;
import dev.orrery.poll.SubscriptionService;
import dev.orrery.poll.SubscriptionService.SubscribeResult;
import dev.orrery.store.Subscription;
import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Subscribes the channels that bot.properties names ({@code subscriptions.<name>.*}) at start. */
final class ConfiguredSubscriptions {
  private static final Logger log = LoggerFactory.getLogger(ConfiguredSubscriptions.class);

  private ConfiguredSubscriptions() {}

  static void apply(ShardManager shards, Config config, SubscriptionService service) {
    for (Config.ChannelSubscription wanted : config.subscriptions()) {
      String key = "subscriptions." + wanted.key();
      GuildChannel channel = shards.getGuildChannelById(wanted.channelId());
      if (channel == null) {
        log.warn(
            "{}.channel = {}: the bot cannot see that channel; invite it or fix the ID",
            key,
            Long.toUnsignedString(wanted.channelId()));
        continue;
      }
      List<Permission> missing = Targets.missingForBot(channel);
      if (!missing.isEmpty()) {
        log.warn(
            "{}: the bot cannot post in #{}: missing {}",
            key,
            channel.getName(),
            Targets.names(missing));
        continue;
      }
      SubscribeResult result =
          service.subscribe(
              channel.getGuild().getIdLong(),
              channel.getIdLong(),
              wanted.source(),
              null,
              Subscription.Settings.DEFAULT,
              null,
              0);
      if (result instanceof SubscribeResult.Refused refused) {
        log.warn(
            "{}: could not subscribe #{} to {}: {}",
            key,
            channel.getName(),
            wanted.source(),
            refused.reason());
      } else if (result instanceof SubscribeResult.Subscribed) {
        log.info("{}: subscribed #{} to {}", key, channel.getName(), wanted.source());
      }
    }
  }
}
