package dev.orrery.store;

import java.time.Instant;

/**
 * A row of {@code subscriptions}: a channel that wants a feed's new entries, and how.
 *
 * @param mentionRoleId the role to mention with each post, or null
 * @param pausedReason why posting stopped (missing access), or null while it runs
 * @param filter the search expression an entry must match to be posted, or null for every entry
 * @param template the Mustache template of each message, or null for the default message
 * @param embed whether a message carries the entry's embed (under the template's text, if any)
 * @param appearance the name and avatar to post with through the channel's webhook, or null to post
 *     as the bot
 * @param digest one message per period instead of one per entry, or null
 */
public record Subscription(
    long id,
    long guildId,
    long channelId,
    long feedId,
    Long mentionRoleId,
    Long createdBy,
    Instant createdAt,
    String pausedReason,
    String filter,
    String template,
    boolean embed,
    Appearance appearance,
    DigestSchedule digest) {

  /**
   * The channel id that stands for the console: {@code orrery poll} prints what is posted to it.
   */
  public static final long CONSOLE_CHANNEL = 0L;

  /** A template as it is stored: none (null, the default message) when blank. */
  public static String storedTemplate(String template) {
    return template == null || template.isBlank() ? null : template;
  }

  /** What the channel made of this subscription, apart from where it posts. */
  public Settings settings() {
    return new Settings(filter, template, embed, appearance, digest);
  }

  /** True when the subscription posts through a webhook under a name and avatar of its own. */
  public boolean viaWebhook() {
    return appearance != null;
  }

  /**
   * The name and avatar a subscription posts with; either may be null, and is then the source's
   * title or the feed's image.
   */
  public record Appearance(String name, String avatarUrl) {}

  /**
   * What a channel makes of a subscription: the fields a new subscription can start with, checked
   * by whoever built them.
   *
   * @param filter the search expression an entry must match to be posted, or null
   * @param template the Mustache template of each message, or null for the default message
   * @param embed whether a message carries the entry's embed
   * @param appearance the webhook's name and avatar, or null to post as the bot
   * @param digest one message per period instead of one per entry, or null
   */
  public record Settings(
      String filter, String template, boolean embed, Appearance appearance, DigestSchedule digest) {
    /** A plain subscription: every entry, the default message with its embed, as the bot. */
    public static final Settings DEFAULT = new Settings(null, null, true, null, null);

    /** Only a filter, the rest as {@link #DEFAULT}. */
    public static Settings filtered(String filter) {
      return new Settings(filter, null, true, null, null);
    }
  }
}
