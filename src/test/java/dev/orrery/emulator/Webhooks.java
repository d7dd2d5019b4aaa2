package dev.orrery.emulator;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The test's side of incoming webhooks: see the webhooks of a channel, create or delete one as a
 * user would, read what webhooks posted (with the name and avatar each message showed), and make
 * the next execution of a webhook fail or lose its answer after the message was stored.
 */
public final class Webhooks {
  private final World world;
  private final MessageStore messages;
  private final FaultInjector faults;

  Webhooks(World world, MessageStore messages, FaultInjector faults) {
    this.world = world;
    this.messages = messages;
    this.faults = faults;
  }

  /** The channel's webhooks (not deleted), oldest first. */
  public List<Webhook> in(Channel channel) {
    return world.webhooks(channel);
  }

  /** A webhook the guild's owner creates by hand; it is no webhook of the bot's application. */
  public Webhook createAsOwner(Channel channel, String name) {
    if (channel.type().isThread()) {
      throw new IllegalArgumentException("threads have no webhooks of their own: " + channel);
    }
    User owner = channel.guild().member(channel.guild().ownerId()).map(Member::user).orElseThrow();
    return world.createWebhook(channel, name, null, owner, 0);
  }

  /**
   * Deletes a webhook as a moderator would in Discord's settings: every later request with it gets
   * 10015 Unknown Webhook, so the bot has to create a new one.
   */
  public void delete(Webhook webhook) {
    webhook.markDeleted();
  }

  /**
   * The messages webhooks posted in the channel (for a forum: the posts they started), in arrival
   * order; each message's {@link PostedMessage#webhook()} tells the webhook, name and avatar URL.
   */
  public List<PostedMessage> messages(Channel channel) {
    return messages.matching(postedBy(channel));
  }

  public List<PostedMessage> awaitMessages(Channel channel, int count, Duration timeout) {
    return messages.await(postedBy(channel), count, timeout, "webhook messages in " + channel);
  }

  /** The next {@code count} executions of the webhook answer {@code status} and post nothing. */
  public void failNextExecutions(Webhook webhook, int count, int status) {
    requireFailure(status);
    faults.add(
        new FaultInjector.Fault(execution(webhook), status, null, Duration.ZERO, false), count);
  }

  /**
   * The next {@code count} executions of the webhook post their message, then answer {@code status}
   * (e.g. 502) as if the answer was lost on the way: the bot cannot tell it was posted.
   */
  public void loseNextAnswers(Webhook webhook, int count, int status) {
    requireFailure(status);
    faults.add(
        new FaultInjector.Fault(execution(webhook), status, null, Duration.ZERO, true), count);
  }

  private static void requireFailure(int status) {
    if (status < 400 || status == 429) {
      throw new IllegalArgumentException("failures are 4xx or 5xx other than 429: " + status);
    }
  }

  private static RequestPattern execution(Webhook webhook) {
    return RequestPattern.of(
        "POST webhooks/" + Long.toUnsignedString(webhook.id()) + "/" + webhook.token());
  }

  private Predicate<PostedMessage> postedBy(Channel channel) {
    return m ->
        m.source() == MessageSource.WEBHOOK
            && !messages.isDeleted(m.id())
            && (m.channelId() == channel.id()
                || (channel.type() == ChannelType.FORUM
                    && m.id() == m.channelId()
                    && world
                        .channel(m.channelId())
                        .flatMap(Channel::parent)
                        .map(p -> p.id() == channel.id())
                        .orElse(false)));
  }
}
