package dev.orrery.store;

import java.time.Instant;

/**
 * A digest waiting to be posted, with what posting it needs; its entries are read apart, by {@link
 * DigestStore#entries}, only when it is sent.
 *
 * @param attempts tries so far, each recorded before it was made
 * @param dueAt the end of the period it lists
 * @param createdAt when the period was closed: an earlier post of it cannot be older
 */
public record PendingDigest(
    long digestId,
    int attempts,
    Instant dueAt,
    Instant createdAt,
    Subscription subscription,
    Feed feed) {}
