package dev.orrery.faults;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * An RSS feed that grows: each entry has a unique guid and link, and the feed keeps a ledger of
 * which entries it published before the bot's baseline and which after (those must be posted).
 */
final class SyntheticFeed {
  /** One entry of the feed; {@code link} is what identifies it in a posted embed. */
  record Item(String guid, String title, String link, Instant published, boolean baseline) {}

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final String name;
  final String path;
  private final URI base;
  private final List<Item> items = new ArrayList<>();

  SyntheticFeed(String name, URI base) {
    this.name = name;
    this.path = "/feeds/" + name + ".xml";
    this.base = base;
  }

  /** Adds entries that exist before anyone subscribes: the baseline, never posted. */
  synchronized void addBaseline(int count) {
    add(count, true);
  }

  /** Adds entries published after the baseline: each must reach every subscribed channel once. */
  synchronized void addNew(int count) {
    add(count, false);
  }

  private void add(int count, boolean baseline) {
    for (int i = 0; i < count; i++) {
      int n = items.size() + 1;
      String id = name + "-" + n;
      items.add(
          new Item(
              "urn:orrery-crash:" + id,
              name + " entry " + n,
              base.resolve("/posts/" + id).toString(),
              START.plusSeconds(60L * n),
              baseline));
    }
  }

  /** The entries that must be posted, in publication order. */
  synchronized List<Item> newItems() {
    return items.stream().filter(i -> !i.baseline()).toList();
  }

  synchronized int size() {
    return items.size();
  }

  /** The whole feed as RSS 2.0, newest first, as a planet lists it. */
  synchronized byte[] rss() {
    DateTimeFormatter rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    StringBuilder xml =
        new StringBuilder()
            .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n")
            .append("<title>")
            .append(name)
            .append("</title>\n")
            .append("<link>")
            .append(base.resolve("/posts/"))
            .append("</link>\n")
            .append("<description>synthetic feed ")
            .append(name)
            .append("</description>\n");
    for (int i = items.size() - 1; i >= 0; i--) {
      Item item = items.get(i);
      xml.append("<item><title>")
          .append(item.title())
          .append("</title>")
          .append("<link>")
          .append(item.link())
          .append("</link>")
          .append("<guid isPermaLink=\"false\">")
          .append(item.guid())
          .append("</guid>")
          .append("<pubDate>")
          .append(rfc1123.format(item.published()))
          .append("</pubDate>")
          .append("<description>Entry ")
          .append(item.title())
          .append(" of the crash test.</description>")
          .append("</item>\n");
    }
    return xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
