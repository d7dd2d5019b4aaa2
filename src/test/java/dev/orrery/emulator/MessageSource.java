package dev.orrery.emulator;

/** How a message was created: by the bot, or through an incoming webhook. */
public enum MessageSource {
  /** {@code POST channels/{id}/messages}. */
  CHANNEL,
  /** {@code POST channels/{forum}/threads}: the starter message of a forum post. */
  FORUM_POST,
  /** The reply to an interaction (callback type 4, or the message a deferred reply became). */
  INTERACTION_REPLY,
  /** {@code POST webhooks/{app}/{token}} after the interaction was answered. */
  FOLLOW_UP,
  /** {@code POST webhooks/{id}/{token}}: an incoming webhook executed (a forum post included). */
  WEBHOOK
}
