package dev.orrery.store;

/**
 * A pending delivery with what posting it needs: the entry, its feed and the subscription.
 *
 * @param deliveryId the row; the message nonce is derived from channel and entry, not from this
 * @param moreCount newer entries of the same poll beyond the cap that were left out (0 mostly)
 */
public record Delivery(
    long deliveryId,
    int attempts,
    int moreCount,
    Subscription subscription,
    Entry entry,
    Feed feed) {}
