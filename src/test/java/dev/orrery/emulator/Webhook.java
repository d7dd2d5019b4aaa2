package dev.orrery.emulator;

import java.util.Objects;

/**
 * An incoming webhook of a channel: id and secret token, its name and avatar hash, who created it
 * (the bot, then with the bot's application id, or a user), and whether it was deleted.
 */
public final class Webhook {
  private final long id;
  private final String token;
  private final Channel channel;
  private final String name;
  private final String avatarHash;
  private final User creator;
  private final long applicationId;
  private volatile boolean deleted;

  Webhook(
      long id,
      String token,
      Channel channel,
      String name,
      String avatarHash,
      User creator,
      long applicationId) {
    this.id = id;
    this.token = Objects.requireNonNull(token);
    this.channel = channel;
    this.name = name;
    this.avatarHash = avatarHash;
    this.creator = creator;
    this.applicationId = applicationId;
  }

  public long id() {
    return id;
  }

  public String token() {
    return token;
  }

  public Channel channel() {
    return channel;
  }

  public String name() {
    return name;
  }

  /** The avatar's hash, or null when the webhook has the default avatar. */
  public String avatarHash() {
    return avatarHash;
  }

  public User creator() {
    return creator;
  }

  /** The application that created the webhook; 0 when a user did. */
  public long applicationId() {
    return applicationId;
  }

  public boolean deleted() {
    return deleted;
  }

  /** The URL Discord gives out, which JDA's {@code WebhookClient.createClient} accepts. */
  public String url() {
    return "https://discord.com/api/webhooks/" + Long.toUnsignedString(id) + "/" + token;
  }

  void markDeleted() {
    deleted = true;
  }

  @Override
  public String toString() {
    return "Webhook("
        + name
        + ", "
        + id
        + " in #"
        + channel.name()
        + (deleted ? ", deleted" : "")
        + ")";
  }
}
