package dev.orrery.bench;

import dev.orrery.feed.FeedParser;
import dev.orrery.feed.ParseResult;
import dev.orrery.feed.ParsedEntry;
import dev.orrery.testing.Resources;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Node;

/**
 * Makes any number of distinct RSS 2.0 feeds of {@value #ENTRIES} entries, about 100 KB each, out
 * of the real HTML of the planet fixtures: every feed has its own guids, and feed {@code k} with
 * {@code extra} newer entries keeps a window of the newest {@value #ENTRIES}, as a planet does.
 * Bodies are rendered on demand from pre-encoded pieces, so 10,000 feeds cost no gigabyte of heap.
 */
public final class SyntheticFeeds {
  public static final int ENTRIES = 50;

  /** Characters of raw HTML per entry: escaped and wrapped, an item comes to about 2 KB. */
  static final int HTML_PER_ENTRY = 1_500;

  private static final Instant FIRST_POST = Instant.parse("2026-01-01T00:00:00Z");
  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final List<byte[]> descriptions;
  private final List<byte[]> titles;
  private final List<byte[]> authors;

  private SyntheticFeeds(List<byte[]> descriptions, List<byte[]> titles, List<byte[]> authors) {
    this.descriptions = descriptions;
    this.titles = titles;
    this.authors = authors;
  }

  /** A generator fed with every entry of every planet fixture. */
  public static SyntheticFeeds fromFixtures() {
    List<byte[]> descriptions = new ArrayList<>();
    List<byte[]> titles = new ArrayList<>();
    List<byte[]> authors = new ArrayList<>();
    FeedParser parser = new FeedParser();
    for (String date : Resources.SNAPSHOTS) {
      for (String source : Resources.SOURCES) {
        String resource = Resources.snapshot(date, source);
        if (resource == null) {
          continue;
        }
        ParseResult parsed =
            parser.parse(
                Resources.bytes(resource),
                "application/rss+xml",
                URI.create("https://planet.example/" + source));
        for (ParsedEntry entry : ((ParseResult.Parsed) parsed).feed().entries()) {
          titles.add(utf8(escape(entry.title() == null ? "Untitled" : entry.title())));
          authors.add(utf8(escape(entry.author() == null ? "Planet" : entry.author())));
          for (String chunk : chunks(entry.html() == null ? "" : entry.html())) {
            descriptions.add(utf8(escape(chunk)));
          }
        }
      }
    }
    return new SyntheticFeeds(descriptions, titles, authors);
  }

  /**
   * Cuts an entry's HTML at top-level element boundaries into pieces of about one entry's worth.
   */
  static List<String> chunks(String html) {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (Node node : Jsoup.parseBodyFragment(html).body().childNodes()) {
      String part = node.outerHtml();
      if (part.length() > 3 * HTML_PER_ENTRY) {
        continue; // one giant <pre> would make a feed of its own size
      }
      current.append(part);
      if (current.length() >= HTML_PER_ENTRY) {
        chunks.add(current.toString());
        current.setLength(0);
      }
    }
    return chunks;
  }

  /** The body of feed {@code feed} after it gained {@code extra} entries, newest entry first. */
  public byte[] body(int feed, int extra) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ENTRIES * 2_400);
    write(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n"
            + "<title>Bench planet "
            + feed
            + "</title>\n"
            + "<link>https://planet"
            + feed
            + ".bench.example/</link>\n"
            + "<description>Synthetic planet "
            + feed
            + " for the Orrery benchmark</description>\n");
    for (int entry = extra + ENTRIES - 1; entry >= extra; entry--) {
      item(out, feed, entry);
    }
    write(out, "</channel>\n</rss>\n");
    return out.toByteArray();
  }

  /** The ETag of {@link #body}: it changes exactly when the body does. */
  public static String etag(int feed, int extra) {
    return "\"f" + feed + "-" + extra + "\"";
  }

  /** The guid of an entry: unique across all feeds. */
  public static String guid(int feed, int entry) {
    return "https://planet" + feed + ".bench.example/posts/" + entry + "/";
  }

  private void item(ByteArrayOutputStream out, int feed, int entry) {
    int pick = Math.floorMod(feed * 7_919 + entry * 31, descriptions.size());
    String guid = guid(feed, entry);
    write(out, "<item>\n<title>");
    out.writeBytes(titles.get(pick % titles.size()));
    write(
        out,
        "</title>\n<guid isPermaLink=\"true\">"
            + guid
            + "</guid>\n<link>"
            + guid
            + "</link>\n"
            + "<pubDate>"
            + RFC_822.format(FIRST_POST.plusSeconds(3_600L * entry))
            + "</pubDate>\n<dc:creator>");
    out.writeBytes(authors.get(pick % authors.size()));
    write(out, "</dc:creator>\n<description>");
    out.writeBytes(descriptions.get(pick));
    write(out, "</description>\n</item>\n");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(utf8(text));
  }
}
