package dev.orrery.store;

import java.time.Instant;

/** A row of {@code entries}: one entry of a feed as it was first seen. */
public record Entry(
    long id,
    long feedId,
    String key,
    String title,
    String url,
    String author,
    String summary,
    String imageUrl,
    Instant published,
    Instant discovered) {}
