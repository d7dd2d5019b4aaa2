package dev.orrery.discord;

import dev.orrery.store.Entry;
import dev.orrery.store.Feed;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Sends messages to a channel by id, whatever kind it is: text, announcement and thread channels
 * get a message, forum channels a new post titled by the entry.
 */
final class ChannelPoster {
  /** Forum post titles are at most 100 characters. */
  private static final int FORUM_TITLE_MAX = 100;

  private final JDA jda;
  private final EntryRenderer renderer;

  ChannelPoster(JDA jda, EntryRenderer renderer) {
    this.jda = jda;
    this.renderer = renderer;
  }

  CompletableFuture<Message> post(
      long channelId, Feed feed, Entry entry, Long mentionRoleId, String nonce) {
    return send(channelId, renderer.post(feed, entry, mentionRoleId), nonce, entry.title());
  }

  CompletableFuture<Message> burstSummary(long channelId, Feed feed, int more, String nonce) {
    return send(
        channelId,
        renderer.burstSummary(feed, more),
        nonce,
        "More new posts in " + feed.displayName());
  }

  CompletableFuture<Message> notice(long channelId, String text, String title) {
    return send(channelId, renderer.notice(text), null, title);
  }

  private CompletableFuture<Message> send(
      long channelId, MessageCreateData data, String nonce, String title) {
    try {
      GuildMessageChannel channel = jda.getChannelById(GuildMessageChannel.class, channelId);
      if (channel != null) {
        var action = channel.sendMessage(data);
        if (nonce != null) {
          action = action.setNonce(nonce);
        }
        return action.submit();
      }
      ForumChannel forum = jda.getForumChannelById(channelId);
      if (forum != null) {
        String name =
            title == null || title.isBlank()
                ? "New post"
                : EntryRenderer.cut(title, FORUM_TITLE_MAX);
        return forum.createForumPost(name, data).submit().thenApply(post -> post.getMessage());
      }
      return CompletableFuture.failedFuture(missing(channelId));
    } catch (RuntimeException e) {
      // JDA checks permissions it knows about before sending, and throws right here
      return CompletableFuture.failedFuture(e);
    }
  }

  private RuntimeException missing(long channelId) {
    for (Guild guild : jda.getGuilds()) {
      if (guild.getGuildChannelById(channelId) != null) {
        return new UnknownChannelException(channelId);
      }
    }
    if (jda.getUnavailableGuilds().isEmpty() && jda.getStatus() == JDA.Status.CONNECTED) {
      return new UnknownChannelException(channelId);
    }
    return new GuildUnavailableException(
        "channel " + channelId + " is not visible yet: its server is unavailable");
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
