package dev.orrery.feed;

import java.time.Instant;
import java.util.List;

/**
 * An entry ready to store and post.
 *
 * @param key identity within its feed: guid or id, else the normalised link, else a hash of title
 *     and date
 * @param title plain text, never null (may be empty)
 * @param url absolute link, or null
 * @param author or null
 * @param summary Discord markdown, cut to the configured length
 * @param imageUrl absolute, or null
 * @param published the entry's date, else when it was discovered
 * @param guid the guid or Atom id as the feed gives it, or null
 * @param categories the entry's categories, cleaned, in order
 */
public record NormalizedEntry(
    String key,
    String title,
    String url,
    String author,
    String summary,
    String imageUrl,
    Instant published,
    String guid,
    List<String> categories) {
  public NormalizedEntry {
    categories = categories == null ? List.of() : List.copyOf(categories);
  }
}
