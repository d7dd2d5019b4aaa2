package dev.orrery.store;

import java.time.Instant;

/**
 * A row of {@code digests}: one period of a subscription, closed, and what became of its message.
 *
 * @param state pending, sent or failed
 * @param messageId the first message of the digest once Discord confirmed it, or null
 * @param lastError why the last try failed, or null
 */
public record Digest(
    long id,
    long subscriptionId,
    Instant dueAt,
    String state,
    int attempts,
    Long messageId,
    String lastError) {}
