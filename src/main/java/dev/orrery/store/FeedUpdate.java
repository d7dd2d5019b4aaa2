package dev.orrery.store;

import java.time.Duration;
import java.time.Instant;

/**
 * What a successful fetch and parse learnt about a feed itself.
 *
 * @param ttl the feed's {@code <ttl>}, or null
 * @param pollInterval the interval chosen for it, before jitter, or null
 * @param pollIntervalReason why that interval, or null
 */
public record FeedUpdate(
    String title,
    String siteUrl,
    String etag,
    String lastModified,
    String contentHash,
    Instant nextPoll,
    String imageUrl,
    Duration ttl,
    Duration pollInterval,
    String pollIntervalReason) {}
