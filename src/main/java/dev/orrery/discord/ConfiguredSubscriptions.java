package dev.orrery.discord;

import dev.orrery.config.Config;
import dev.orrery.poll.SubscriptionService;
import dev.orrery.poll.SubscriptionService.SubscribeResult;
import dev.orrery.store.Subscription;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongFunction;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes the channels that bot.properties names ({@code subscriptions.<name>.*}): those the bot
 * sees once its first shards are ready, then those of each shard it starts later, as a node of a
 * cluster does when it gains a shard.
 */
final class ConfiguredSubscriptions extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConfiguredSubscriptions.class);

  private final Config config;
  private final SubscriptionService service;
  private final Executor pool;

  /** Set once the first shards are done: later shards' READY is theirs to handle. */
  private volatile boolean started;

  ConfiguredSubscriptions(Config config, SubscriptionService service, Executor pool) {
    this.config = config;
    this.service = service;
    this.pool = pool;
  }

  /**
   * Subscribes the channels the running shards see. A channel no shard sees is named in a warning
   * when this node runs every shard; on a node with some of them, it may be another node's.
   */
  void applyToRunningShards(ShardManager shards) {
    boolean everyShard = shards.getShards().size() == shards.getShardsTotal();
    apply(shards::getGuildChannelById, everyShard);
    started = true;
  }

  /** A shard started after the first ones: its channels, off JDA's event thread. */
  @Override
  public void onReady(ReadyEvent event) {
    if (started) {
      JDA shard = event.getJDA();
      try {
        pool.execute(() -> apply(shard::getGuildChannelById, false));
      } catch (RejectedExecutionException e) {
        log.debug("Shutting down: shard {}'s configured channels wait for the next start", shard);
      }
    }
  }

  private void apply(LongFunction<GuildChannel> channels, boolean warnUnseen) {
    for (Config.ChannelSubscription wanted : config.subscriptions()) {
      String key = "subscriptions." + wanted.key();
      GuildChannel channel = channels.apply(wanted.channelId());
      if (channel == null && !warnUnseen) {
        continue;
      }
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
