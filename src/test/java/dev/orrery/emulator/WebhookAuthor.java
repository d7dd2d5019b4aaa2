package dev.orrery.emulator;

/**
 * Who a message sent through an incoming webhook shows as: the webhook, the name it was executed
 * with (or the webhook's own), the {@code avatar_url} it was executed with (null if none), the
 * avatar hash its author carries, and the application that created the webhook (0 when a user did).
 */
public record WebhookAuthor(
    long webhookId, String username, String avatarUrl, String avatarHash, long applicationId) {
  /** Whether the webhook belongs to the bot's application, so the bot may read its content. */
  boolean ownedBy(long application) {
    return applicationId != 0 && applicationId == application;
  }
}
