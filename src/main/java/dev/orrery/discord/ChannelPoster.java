package dev.orrery.discord;

import dev.orrery.poll.Catalogue;
import dev.orrery.store.Entry;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Sends messages to a channel by id, whatever kind it is: text, announcement and thread channels
 * get a message, forum channels a new post titled by the entry. A subscription with an appearance
 * posts through the channel's webhook; burst summaries and notices are the bot's own words, sent as
 * the bot (with a nonce, so they too are sent once).
 */
final class ChannelPoster {
  /** Forum post titles are at most 100 characters. */
  private static final int FORUM_TITLE_MAX = 100;

  private final ShardManager shards;
  private final EntryRenderer renderer;
  private final WebhookPoster webhooks;
  private final Catalogue catalogue;

  ChannelPoster(
      ShardManager shards, EntryRenderer renderer, WebhookPoster webhooks, Catalogue catalogue) {
    this.shards = shards;
    this.renderer = renderer;
    this.webhooks = webhooks;
    this.catalogue = catalogue;
  }

  /**
   * Posts an entry as the subscription wants it; completes with the message id.
   *
   * @param earlierSince set when an earlier try may have reached Discord unconfirmed (a crash, a
   *     lost answer), from when that try began: a text channel's nonce makes Discord return that
   *     message, and a forum or a webhook, which have no nonce, are searched for the post already
   *     made
   */
  CompletableFuture<Long> post(
      long channelId,
      Feed feed,
      Entry entry,
      Subscription subscription,
      String nonce,
      Instant earlierSince) {
    MessageCreateData data = renderer.post(feed, entry, subscription);
    return sendAs(subscription, feed, channelId, data, nonce, entry.title(), earlierSince);
  }

  /**
   * Sends a message of the subscription's: through the channel's webhook under the subscription's
   * name and avatar when it has an appearance, else as the bot with the nonce.
   */
  CompletableFuture<Long> sendAs(
      Subscription subscription,
      Feed feed,
      long channelId,
      MessageCreateData data,
      String nonce,
      String title,
      Instant earlierSince) {
    if (!subscription.viaWebhook()) {
      return send(channelId, data, nonce, title, earlierSince);
    }
    GuildChannel target = shards.getGuildChannelById(channelId);
    if (target == null) {
      return CompletableFuture.failedFuture(missing(channelId));
    }
    return webhooks.send(
        target,
        data,
        Appearances.shown(subscription.appearance(), feed, catalogue),
        forumTitle(title),
        earlierSince);
  }

  CompletableFuture<Long> burstSummary(long channelId, Feed feed, int more, String nonce) {
    return send(
        channelId,
        renderer.burstSummary(feed, more),
        nonce,
        "More new posts in " + feed.displayName(),
        null);
  }

  CompletableFuture<Long> notice(long channelId, String text, String title) {
    return send(channelId, renderer.notice(text), null, title, null);
  }

  /**
   * Sends a message; completes with its id.
   *
   * @param title the post's title in a forum channel
   * @param earlierSince when set, a forum post of the bot's with this title made since then is
   *     taken as this message, sent by an earlier try
   */
  CompletableFuture<Long> send(
      long channelId, MessageCreateData data, String nonce, String title, Instant earlierSince) {
    try {
      GuildMessageChannel channel = shards.getChannelById(GuildMessageChannel.class, channelId);
      if (channel != null) {
        var action = channel.sendMessage(data);
        if (nonce != null) {
          action = action.setNonce(nonce);
        }
        return action.submit().thenApply(Message::getIdLong);
      }
      ForumChannel forum = shards.getForumChannelById(channelId);
      if (forum != null) {
        String name = forumTitle(title);
        if (earlierSince != null) {
          Optional<ThreadChannel> earlier = earlierPost(forum, name, earlierSince);
          if (earlier.isPresent()) {
            // a forum post's starting message has the thread's id
            return CompletableFuture.completedFuture(earlier.get().getIdLong());
          }
        }
        return forum
            .createForumPost(name, data)
            .submit()
            .thenApply(post -> post.getMessage().getIdLong());
      }
      return CompletableFuture.failedFuture(missing(channelId));
    } catch (RuntimeException e) {
      // JDA checks permissions it knows about before sending, and throws right here
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A forum post's title: the entry's, cut to Discord's length. */
  private static String forumTitle(String title) {
    return title == null || title.isBlank()
        ? "New post"
        : EntryRenderer.cut(title, FORUM_TITLE_MAX);
  }

  /** A post of the bot's in the forum with this title, made since the delivery was queued. */
  private static Optional<ThreadChannel> earlierPost(
      ForumChannel forum, String name, Instant since) {
    return forum.getThreadChannels().stream()
        .filter(ThreadChannel::isOwner)
        .filter(t -> t.getName().equals(name))
        .filter(t -> !t.getTimeCreated().toInstant().isBefore(since.minusSeconds(1)))
        .findFirst();
  }

  private RuntimeException missing(long channelId) {
    for (Guild guild : shards.getGuilds()) {
      if (guild.getGuildChannelById(channelId) != null) {
        return new UnknownChannelException(channelId);
      }
    }
    // every shard connected with all its servers: the channel is gone, not hidden by an outage;
    // a node of a cluster runs only some shards, and the channel may be on another node's
    if (shards.getShards().size() == shards.getShardsTotal()
        && shards.getShardsQueued() == 0
        && shards.getShards().stream()
            .allMatch(
                s -> s.getUnavailableGuilds().isEmpty() && s.getStatus() == JDA.Status.CONNECTED)) {
      return new UnknownChannelException(channelId);
    }
    return new GuildUnavailableException(
        "channel "
            + channelId
            + " is not visible yet: its server is unavailable, or on a shard another node runs");
  }

  /** The channel is not in any server the bot is in. */
  static final class UnknownChannelException extends RuntimeException {
    UnknownChannelException(long channelId) {
      super("Unknown Channel " + channelId);
    }
  }

  /** The channel's server is not loaded (an outage, or still connecting): try later. */
  static final class GuildUnavailableException extends RuntimeException {
    GuildUnavailableException(String message) {
      super(message);
    }
  }
}
