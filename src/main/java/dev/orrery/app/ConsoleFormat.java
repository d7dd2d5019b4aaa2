package dev.orrery.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.feed.Readable;
import dev.orrery.store.Entry;
import dev.orrery.store.Feed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How entries look on the console: one line each, as text or as JSON. */
final class ConsoleFormat {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean json;

  ConsoleFormat(boolean json) {
    this.json = json;
  }

  /** "2026-04-22 13:39 UTC". */
  static String date(Instant instant) {
    return DATE.format(instant);
  }

  /** {@code [source] title — url (date)}, or one JSON object. */
  String entry(String source, Feed feed, Entry e) {
    if (!json) {
      String url = e.url() == null ? "" : " — " + e.url();
      return "[" + source + "] " + e.title() + url + " (" + date(e.published()) + ")";
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("source", source);
    node.put("feed_url", feed.url());
    node.put("key", e.key());
    node.put("title", e.title());
    node.put("url", e.url());
    node.put("author", e.author());
    node.put("published", e.published().toString());
    node.put("summary", e.summary());
    node.put("image", e.imageUrl());
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** The line that sums up a burst beyond the per-poll cap. */
  String more(String source, Feed feed, int count) {
    String site = feed.siteUrl() != null ? feed.siteUrl() : feed.url();
    if (!json) {
      return "["
          + source
          + "] …and "
          + Readable.count(count, "more new post", "more new posts")
          + " in "
          + feed.displayName()
          + " — "
          + site;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("source", source);
    node.put("feed_url", feed.url());
    node.put("more", count);
    node.put("url", site);
    return node.toString();
  }
}
