package dev.orrery.store;

import java.time.Instant;

/**
 * A row of {@code subscriptions}: a channel that wants a feed's new entries.
 *
 * @param mentionRoleId the role to mention with each post, or null
 * @param pausedReason why posting stopped (missing access), or null while it runs
 */
public record Subscription(
    long id,
    long guildId,
    long channelId,
    long feedId,
    Long mentionRoleId,
    Long createdBy,
    Instant createdAt,
    String pausedReason) {

  /**
   * The channel id that stands for the console: {@code orrery poll} prints what is posted to it.
   */
  public static final long CONSOLE_CHANNEL = 0L;
}
