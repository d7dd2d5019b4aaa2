package dev.orrery.discord;

/**
 * The bot cannot have a webhook in a channel (it may not manage webhooks there, or the channel has
 * as many as Discord allows): the channel's webhook subscriptions wait for a person to act.
 */
final class WebhookUnavailableException extends RuntimeException {
  WebhookUnavailableException(String reason) {
    super(reason);
  }
}
