package dev.orrery.discord;

import dev.orrery.store.DeliveryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.utils.TimeUtil;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the post an earlier try made through a webhook, which carries no nonce for Discord to
 * recognise: among the target's messages since that try (a forum's posts by their title), one from
 * the bot's webhook, or the bot, that is the same message and is no delivery's or digest's yet.
 */
final class EarlierWebhookPost {
  private static final Logger log = LoggerFactory.getLogger(EarlierWebhookPost.class);

  /** Our clock and Discord's may differ: the search starts this much before the try. */
  static final Duration CLOCK_MARGIN = Duration.ofMinutes(2);

  /**
   * Pages of 100 messages read at most; a busier channel is posted to again, a duplicate possible.
   */
  static final int MAX_PAGES = 10;

  private static final int PAGE = 100;

  private final DeliveryStore deliveries;
  private final Executor storeWork;

  /**
   * @param storeWork where the store is read: off JDA's threads, which must not wait on the
   *     database
   */
  EarlierWebhookPost(DeliveryStore deliveries, Executor storeWork) {
    this.deliveries = deliveries;
    this.storeWork = storeWork;
  }

  /**
   * The id of the post an earlier try made, or empty when there is none to be found.
   *
   * @param channelId the subscription's channel (a forum's own id for a forum post)
   * @param threadName the forum post's title, or null outside a forum
   * @param since when the first try began: the post cannot be older
   */
  CompletableFuture<OptionalLong> find(
      GuildChannel target,
      long webhookId,
      Function<Long, CompletableFuture<Message>> throughWebhook,
      MessageCreateData data,
      String threadName,
      Instant since) {
    long self = target.getJDA().getSelfUser().getIdLong();
    Instant from = since.minus(CLOCK_MARGIN);
    if (target instanceof ForumChannel forum) {
      List<Long> posts =
          forum.getThreadChannels().stream()
              .filter(t -> t.getOwnerIdLong() == webhookId || t.getOwnerIdLong() == self)
              .filter(t -> t.getName().equals(threadName))
              .filter(t -> !t.getTimeCreated().toInstant().isBefore(from))
              .sorted(Comparator.comparing(ThreadChannel::getTimeCreated))
              // a forum post's starting message has the thread's id
              .map(ThreadChannel::getIdLong)
              .toList();
      return unclaimed(target.getIdLong(), posts);
    }
    if (!(target instanceof GuildMessageChannel channel)) {
      return CompletableFuture.completedFuture(OptionalLong.empty());
    }
    if (!target
        .getGuild()
        .getSelfMember()
        .hasPermission(target, Permission.VIEW_CHANNEL, Permission.MESSAGE_HISTORY)) {
      log.warn(
          "The bot may not read the history of #{}: posting again without looking for an earlier"
              + " try's post, which may show twice. Grant Read Message History to prevent it",
          target.getName());
      return CompletableFuture.completedFuture(OptionalLong.empty());
    }
    long after = TimeUtil.getDiscordTimestamp(from.toEpochMilli());
    List<Long> withheld = new ArrayList<>();
    return candidates(channel, after, new ArrayList<>(), withheld, 1, webhookId, self, data)
        .thenCompose(found -> readThroughWebhook(found, withheld, 0, throughWebhook, data))
        .thenCompose(found -> unclaimed(target.getIdLong(), found));
  }

  /** The same messages by the webhook or the bot, oldest first, page by page from {@code after}. */
  private CompletableFuture<List<Long>> candidates(
      GuildMessageChannel channel,
      long after,
      List<Long> found,
      List<Long> withheld,
      int page,
      long webhookId,
      long self,
      MessageCreateData data) {
    return MessageHistory.getHistoryAfter(channel, Long.toUnsignedString(after))
        .limit(PAGE)
        .submit()
        .thenCompose(
            history -> {
              // newest first as Discord answers: reversed, so the oldest match is tried first
              List<Message> messages = new ArrayList<>(history.getRetrievedHistory());
              messages.sort(Comparator.comparingLong(Message::getIdLong));
              for (Message m : messages) {
                long author = m.getAuthor().getIdLong();
                if ((author == webhookId || author == self) && same(m, data)) {
                  found.add(m.getIdLong());
                } else if (author == webhookId && withheld(m)) {
                  withheld.add(m.getIdLong());
                }
              }
              if (messages.size() < PAGE) {
                return CompletableFuture.completedFuture(found);
              }
              if (page == MAX_PAGES) {
                log.warn(
                    "Looked through {} messages of #{} without finding an earlier try's post;"
                        + " posting again, which may show twice",
                    PAGE * MAX_PAGES,
                    channel.getName());
                return CompletableFuture.completedFuture(found);
              }
              long newest = messages.get(messages.size() - 1).getIdLong();
              return candidates(channel, newest, found, withheld, page + 1, webhookId, self, data);
            });
  }

  /**
   * Discord may show the bot its own webhook's messages without their text and embeds (it has no
   * message content intent): those are read again through the webhook, which shows them whole, and
   * the same ones join what was found.
   */
  private CompletableFuture<List<Long>> readThroughWebhook(
      List<Long> found,
      List<Long> withheld,
      int next,
      Function<Long, CompletableFuture<Message>> throughWebhook,
      MessageCreateData data) {
    if (next == withheld.size()) {
      found.sort(Comparator.naturalOrder());
      return CompletableFuture.completedFuture(found);
    }
    return throughWebhook
        .apply(withheld.get(next))
        .handle(
            (message, error) -> {
              if (message != null && same(message, data)) {
                found.add(message.getIdLong());
              }
              return null;
            })
        .thenCompose(
            nothing -> readThroughWebhook(found, withheld, next + 1, throughWebhook, data));
  }

  /** A message whose text, embeds and files Discord left out of what the bot may read. */
  private static boolean withheld(Message message) {
    return message.getContentRaw().isEmpty()
        && message.getEmbeds().isEmpty()
        && message.getAttachments().isEmpty();
  }

  /** The first of these messages that no delivery or digest of the channel has as its post. */
  private CompletableFuture<OptionalLong> unclaimed(long channelId, List<Long> messages) {
    if (messages.isEmpty()) {
      return CompletableFuture.completedFuture(OptionalLong.empty());
    }
    return CompletableFuture.supplyAsync(
        () ->
            messages.stream()
                .filter(id -> !deliveries.recordsMessage(channelId, id))
                .mapToLong(Long::longValue)
                .findFirst(),
        storeWork);
  }

  /**
   * The message as it would be sent now: the same text and the same embeds, each by title, link,
   * text.
   */
  static boolean same(Message message, MessageCreateData data) {
    if (!strip(message.getContentRaw()).equals(strip(data.getContent()))) {
      return false;
    }
    List<MessageEmbed> posted = message.getEmbeds();
    List<MessageEmbed> wanted = data.getEmbeds();
    if (posted.size() != wanted.size()) {
      return false;
    }
    for (int i = 0; i < posted.size(); i++) {
      MessageEmbed a = posted.get(i);
      MessageEmbed b = wanted.get(i);
      if (!Objects.equals(a.getTitle(), b.getTitle())
          || !Objects.equals(a.getUrl(), b.getUrl())
          || !strip(a.getDescription()).equals(strip(b.getDescription()))) {
        return false;
      }
    }
    return true;
  }

  private static String strip(String text) {
    return text == null ? "" : text.strip();
  }
}
