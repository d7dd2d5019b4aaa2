package dev.orrery.store;

import java.time.Instant;

/**
 * A pending delivery with what posting it needs: the entry, its feed and the subscription.
 *
 * @param deliveryId the row; the message nonce is derived from channel and entry, not from this
 * @param attempts tries so far, each recorded before it was made
 * @param moreCount newer entries of the same poll beyond the cap that were left out (0 mostly)
 * @param queuedAt when the delivery was queued
 * @param attemptedAt when its first try began, or null before any: an earlier try's post cannot be
 *     older
 */
public record Delivery(
    long deliveryId,
    int attempts,
    int moreCount,
    Instant queuedAt,
    Instant attemptedAt,
    Subscription subscription,
    Entry entry,
    Feed feed) {}
