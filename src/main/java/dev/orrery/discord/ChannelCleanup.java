package dev.orrery.discord;

import dev.orrery.poll.SubscriptionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A deleted channel takes its subscriptions with it, off JDA's event thread. */
final class ChannelCleanup extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ChannelCleanup.class);

  private final SubscriptionService service;
  private final ExecutorService pool;

  ChannelCleanup(SubscriptionService service, ExecutorService pool) {
    this.service = service;
    this.pool = pool;
  }

  @Override
  public void onChannelDelete(ChannelDeleteEvent event) {
    long channelId = event.getChannel().getIdLong();
    try {
      pool.execute(
          () -> {
            int removed = service.channelDeleted(channelId);
            if (removed > 0) {
              log.info("Channel {} was deleted: removed its {} subscriptions", channelId, removed);
            }
          });
    } catch (RejectedExecutionException e) {
      log.warn(
          "Channel {} was deleted while shutting down: its subscriptions go at the next post",
          channelId);
    }
  }
}
