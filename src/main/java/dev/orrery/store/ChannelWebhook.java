package dev.orrery.store;

import dev.orrery.config.Secret;
import java.time.Instant;

/**
 * A row of {@code webhooks}: the webhook the bot made in a channel to post under subscriptions' own
 * names and avatars.
 *
 * @param channelId the channel that owns the webhook (a thread's parent, a forum)
 * @param token executes the webhook without the bot's token: shown masked, never in full
 */
public record ChannelWebhook(long channelId, long webhookId, Secret token, Instant createdAt) {}
