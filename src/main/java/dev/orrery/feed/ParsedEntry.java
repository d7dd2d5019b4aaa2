package dev.orrery.feed;

import java.time.Instant;
import java.util.List;

/**
 * One entry as the feed states it; any field may be null.
 *
 * @param guid the RSS guid or Atom id
 * @param link the entry's link, possibly relative
 * @param title plain text title (entities decoded, tags removed)
 * @param author author name or dc:creator
 * @param html the richest body the entry has (content:encoded, Atom content, else description)
 * @param imageUrl media:thumbnail, media:content or an image enclosure, possibly relative
 * @param published published date, else updated date
 * @param categories the entry's categories (RSS category, Atom category term or label), in order
 */
public record ParsedEntry(
    String guid,
    String link,
    String title,
    String author,
    String html,
    String imageUrl,
    Instant published,
    List<String> categories) {
  public ParsedEntry {
    categories = categories == null ? List.of() : List.copyOf(categories);
  }
}
