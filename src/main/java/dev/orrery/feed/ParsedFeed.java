package dev.orrery.feed;

import java.time.Duration;
import java.util.List;

/**
 * A feed as parsed, before entries get their identity.
 *
 * @param title the feed title, or null
 * @param siteUrl the site the feed belongs to (absolute), or null
 * @param ttl RSS {@code <ttl>}, or null
 * @param entries in document order
 * @param imageUrl the feed's image or icon (absolute), or null
 */
public record ParsedFeed(
    String title, String siteUrl, Duration ttl, List<ParsedEntry> entries, String imageUrl) {
  public ParsedFeed {
    entries = List.copyOf(entries);
  }
}
