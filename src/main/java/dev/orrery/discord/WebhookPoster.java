package dev.orrery.discord;

import dev.orrery.store.ChannelWebhook;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.WebhookClient;
import net.dv8tion.jda.api.entities.channel.attribute.IWebhookContainer;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.restaction.WebhookMessageCreateAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a message through the webhook of its channel under a subscription's name and avatar: in a
 * thread by the thread's id, in a forum as a new post. A webhook someone deleted is made again
 * once. Webhook posts carry no nonce, so a message tried before is first looked for, and not sent
 * twice.
 */
final class WebhookPoster {
  private static final Logger log = LoggerFactory.getLogger(WebhookPoster.class);

  /** Any running shard: the bot's REST requests need one, and shards come and go. */
  private final Supplier<JDA> jda;

  private final ChannelWebhooks webhooks;
  private final EarlierWebhookPost earlier;

  WebhookPoster(Supplier<JDA> jda, ChannelWebhooks webhooks, EarlierWebhookPost earlier) {
    this.jda = jda;
    this.webhooks = webhooks;
    this.earlier = earlier;
  }

  /** Where and how one message goes. */
  private record Post(
      GuildChannel target,
      IWebhookContainer owner,
      MessageCreateData data,
      Appearances.Shown shown,
      Long threadId,
      String threadName) {}

  /**
   * Sends the message; completes with its id (for a forum post, its starting message's).
   *
   * @param forumTitle the post's title in a forum, already cut to Discord's length
   * @param earlierSince when set, a try since then may have posted it unconfirmed: that post is
   *     looked for first, and taken as this one
   */
  CompletableFuture<Long> send(
      GuildChannel target,
      MessageCreateData data,
      Appearances.Shown shown,
      String forumTitle,
      Instant earlierSince) {
    IWebhookContainer owner = ChannelWebhooks.owner(target);
    if (owner == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("webhooks cannot post in a " + target.getType() + " channel"));
    }
    Post post =
        new Post(
            target,
            owner,
            data,
            shown,
            target instanceof ThreadChannel ? target.getIdLong() : null,
            target instanceof ForumChannel ? forumTitle : null);
    return webhooks
        .of(owner)
        .thenCompose(
            webhook ->
                earlierSince == null
                    ? execute(post, webhook, true)
                    : earlier
                        .find(
                            target,
                            webhook.webhookId(),
                            id -> readThroughWebhook(webhook, post, id),
                            data,
                            post.threadName(),
                            earlierSince)
                        .thenCompose(
                            found -> {
                              if (found.isPresent()) {
                                log.info(
                                    "An earlier try had posted in #{} (message {}): not sending"
                                        + " again",
                                    target.getName(),
                                    Long.toUnsignedString(found.getAsLong()));
                                return CompletableFuture.completedFuture(found.getAsLong());
                              }
                              return execute(post, webhook, true);
                            }));
  }

  /** One of the webhook's messages, read with the webhook's token: whole, text and embeds. */
  private CompletableFuture<Message> readThroughWebhook(
      ChannelWebhook webhook, Post post, long messageId) {
    try {
      var action =
          WebhookClient.createClient(
                  jda.get(), Long.toUnsignedString(webhook.webhookId()), webhook.token().reveal())
              .retrieveMessageById(Long.toUnsignedString(messageId));
      if (post.threadId() != null) {
        action = action.setThreadId(post.threadId());
      }
      return action.submit();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Executes the webhook; one deleted in Discord is replaced and executed again, once. */
  private CompletableFuture<Long> execute(Post post, ChannelWebhook webhook, boolean mayReplace) {
    CompletableFuture<Long> sent;
    try {
      WebhookMessageCreateAction<Message> action =
          WebhookClient.createClient(
                  jda.get(), Long.toUnsignedString(webhook.webhookId()), webhook.token().reveal())
              .sendMessage(post.data())
              .setUsername(post.shown().username())
              .setAvatarUrl(post.shown().avatarUrl());
      if (post.threadId() != null) {
        action = action.setThreadId(post.threadId());
      }
      if (post.threadName() != null) {
        action = action.createThread(post.threadName());
      }
      sent = action.submit().thenApply(Message::getIdLong);
    } catch (RuntimeException e) {
      // JDA refused the message before sending it
      sent = CompletableFuture.failedFuture(e);
    }
    if (!mayReplace) {
      return sent;
    }
    return sent.exceptionallyCompose(
        error ->
            unknownWebhook(error)
                ? webhooks
                    .replace(post.owner(), webhook)
                    .thenCompose(fresh -> execute(post, fresh, false))
                : CompletableFuture.failedFuture(error));
  }

  /** 10015: the webhook was deleted, so nothing was posted and sending again is safe. */
  private static boolean unknownWebhook(Throwable error) {
    Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
    return cause instanceof ErrorResponseException response
        && response.getErrorResponse() == ErrorResponse.UNKNOWN_WEBHOOK;
  }
}
