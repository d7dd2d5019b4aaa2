package dev.orrery.store;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code entries}: one entry of a feed as it was first seen.
 *
 * @param categories the entry's categories, in the feed's order
 */
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
    Instant discovered,
    List<String> categories) {
  public Entry {
    categories = categories == null ? List.of() : List.copyOf(categories);
  }
}
