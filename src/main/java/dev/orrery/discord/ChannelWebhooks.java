package dev.orrery.discord;

import dev.orrery.config.Secret;
import dev.orrery.store.ChannelWebhook;
import dev.orrery.store.WebhookStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.WebhookType;
import net.dv8tion.jda.api.entities.channel.attribute.IWebhookContainer;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one webhook the bot posts through in a channel: the one stored, else one it made earlier
 * (found among the channel's webhooks by its owner and name), else a new one named for the bot;
 * then stored. Threads post through their parent's webhook, forums through their own.
 */
final class ChannelWebhooks {
  private static final Logger log = LoggerFactory.getLogger(ChannelWebhooks.class);

  /** Any running shard: the bot's REST requests need one, and shards come and go. */
  private final Supplier<JDA> jda;

  private final WebhookStore store;
  private final Executor storeWork;
  private final InstantSource clock;

  /** Look-ups under way, by channel: a thread and its parent posting at once share one. */
  private final Map<Long, CompletableFuture<ChannelWebhook>> underWay = new ConcurrentHashMap<>();

  /**
   * @param storeWork where the store is read and written: off JDA's threads, which must not wait on
   *     the database
   */
  ChannelWebhooks(Supplier<JDA> jda, WebhookStore store, Executor storeWork, InstantSource clock) {
    this.jda = jda;
    this.store = store;
    this.storeWork = storeWork;
    this.clock = clock;
  }

  /** The channel that holds the webhook for posts to {@code target}, or null if none can. */
  static IWebhookContainer owner(GuildChannel target) {
    if (target instanceof ThreadChannel thread) {
      return thread.getParentChannel() instanceof IWebhookContainer parent ? parent : null;
    }
    return target instanceof IWebhookContainer container ? container : null;
  }

  /**
   * Why the bot could not post to {@code target} through a webhook, for the person who asks it to;
   * empty when it can.
   */
  static Optional<String> cannotManage(GuildChannel target) {
    IWebhookContainer owner = owner(target);
    if (owner == null) {
      return Optional.of("webhooks cannot post in #" + target.getName());
    }
    if (!owner.getGuild().getSelfMember().hasPermission(owner, Permission.MANAGE_WEBHOOKS)) {
      return Optional.of(
          "the bot may not manage webhooks in #" + owner.getName() + ": grant Manage Webhooks");
    }
    return Optional.empty();
  }

  /** The name the bot's webhooks have: the bot's own, as Discord takes it. */
  String name() {
    return Appearances.acceptable(jda.get().getSelfUser().getName());
  }

  /** The channel's webhook, made and stored if need be. */
  CompletableFuture<ChannelWebhook> of(IWebhookContainer channel) {
    return CompletableFuture.supplyAsync(() -> store.find(channel.getIdLong()), storeWork)
        .thenCompose(
            stored ->
                stored.map(CompletableFuture::completedFuture).orElseGet(() -> obtain(channel)));
  }

  /**
   * Forgets a webhook Discord no longer knows (someone deleted it) and gets the channel another.
   */
  CompletableFuture<ChannelWebhook> replace(IWebhookContainer channel, ChannelWebhook gone) {
    return CompletableFuture.runAsync(
            () -> {
              if (store.forget(channel.getIdLong(), gone.webhookId())) {
                log.warn(
                    "Webhook {} of #{} was deleted in Discord; making another",
                    Long.toUnsignedString(gone.webhookId()),
                    channel.getName());
              }
            },
            storeWork)
        .thenCompose(forgotten -> obtain(channel));
  }

  private CompletableFuture<ChannelWebhook> obtain(IWebhookContainer channel) {
    long id = channel.getIdLong();
    CompletableFuture<ChannelWebhook> mine = new CompletableFuture<>();
    CompletableFuture<ChannelWebhook> running = underWay.putIfAbsent(id, mine);
    if (running != null) {
      return running;
    }
    findOrCreate(channel)
        .whenComplete(
            (webhook, error) -> {
              underWay.remove(id, mine);
              if (error != null) {
                mine.completeExceptionally(error);
              } else {
                mine.complete(webhook);
              }
            });
    return mine;
  }

  private CompletableFuture<ChannelWebhook> findOrCreate(IWebhookContainer channel) {
    Optional<String> refusal = cannotManage(channel);
    if (refusal.isPresent()) {
      return CompletableFuture.failedFuture(
          new WebhookUnavailableException(refusal.get() + ", then /subscribe again"));
    }
    String name = name();
    try {
      return channel
          .retrieveWebhooks()
          .submit()
          .thenCompose(
              webhooks ->
                  ours(webhooks, name)
                      .map(CompletableFuture::completedFuture)
                      .orElseGet(() -> channel.createWebhook(name).submit()))
          .exceptionallyCompose(error -> CompletableFuture.failedFuture(explained(channel, error)))
          .thenApplyAsync(webhook -> save(channel, webhook), storeWork);
    } catch (RuntimeException e) {
      // JDA checks the permissions it knows of before sending, and throws right here
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A webhook the bot made in an earlier life, before its row was stored. */
  private Optional<Webhook> ours(List<Webhook> webhooks, String name) {
    long self = jda.get().getSelfUser().getIdLong();
    return webhooks.stream()
        .filter(w -> w.getType() == WebhookType.INCOMING && w.getToken() != null)
        .filter(w -> w.getOwnerAsUser() != null && w.getOwnerAsUser().getIdLong() == self)
        .filter(w -> w.getName().equals(name))
        .findFirst();
  }

  private ChannelWebhook save(IWebhookContainer channel, Webhook webhook) {
    ChannelWebhook stored =
        new ChannelWebhook(
            channel.getIdLong(),
            webhook.getIdLong(),
            new Secret(webhook.getToken()),
            clock.instant());
    store.save(stored);
    log.info("Posting through webhook {} in #{}", webhook.getId(), channel.getName());
    return stored;
  }

  /** Discord's refusals a person can act on, in their words; any other error as it came. */
  private static Throwable explained(IWebhookContainer channel, Throwable error) {
    Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
    if (cause instanceof ErrorResponseException response) {
      if (response.getErrorResponse() == ErrorResponse.MISSING_PERMISSIONS) {
        return new WebhookUnavailableException(
            "the bot may not manage webhooks in #"
                + channel.getName()
                + ": grant Manage Webhooks, then /subscribe again");
      }
      if (response.getErrorResponse() == ErrorResponse.MAX_WEBHOOKS) {
        return new WebhookUnavailableException(
            "#"
                + channel.getName()
                + " has as many webhooks as Discord allows: delete one, then /subscribe again");
      }
    }
    return cause;
  }
}
