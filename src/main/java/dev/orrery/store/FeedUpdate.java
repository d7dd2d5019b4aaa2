package dev.orrery.store;

import java.time.Instant;

/** What a successful fetch and parse learnt about a feed itself. */
public record FeedUpdate(
    String title,
    String siteUrl,
    String etag,
    String lastModified,
    String contentHash,
    Instant nextPoll,
    String imageUrl) {}
