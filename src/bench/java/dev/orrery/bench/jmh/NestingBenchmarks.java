package dev.orrery.bench.jmh;

import dev.orrery.feed.FeedParser;
import dev.orrery.feed.ParseResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse time of a feed as large as a fetch allows (5 MB) whose XHTML content is nested as deep as
 * the parser accepts (256 elements from the root), against a flat feed of the same bytes: the same
 * elements and words, side by side instead of one inside the other.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NestingBenchmarks {
  static final URI FEED_URL = URI.create("https://nested.example/atom.xml");

  /** The product's default http.max-bytes. */
  static final int MAX_BYTES = 5 * 1024 * 1024;

  /** feed, entry, content and div hold the chain: 4 + 252 = 256 elements from the root. */
  static final int CHAIN = 252;

  private final FeedParser parser = new FeedParser();
  private byte[] nested;
  private byte[] flat;

  @Setup
  public void build() {
    nested = feed(true);
    flat = feed(false);
    if (nested.length != flat.length || nested.length > MAX_BYTES) {
      throw new IllegalStateException(nested.length + " and " + flat.length + " bytes");
    }
    int entries = entries(parser.parse(nested, "application/atom+xml", FEED_URL));
    if (entries == 0 || entries != entries(parser.parse(flat, "application/atom+xml", FEED_URL))) {
      throw new IllegalStateException("the two feeds do not parse alike");
    }
  }

  @Benchmark
  public ParseResult parseNested256Deep() {
    return parser.parse(nested, "application/atom+xml", FEED_URL);
  }

  @Benchmark
  public ParseResult parseFlat() {
    return parser.parse(flat, "application/atom+xml", FEED_URL);
  }

  private static int entries(ParseResult result) {
    if (!(result instanceof ParseResult.Parsed parsed)) {
      throw new IllegalStateException("not parsed: " + result);
    }
    return parsed.feed().entries().size();
  }

  /** Atom entries until the next one would pass 5 MB; each holds a chain of 252 spans. */
  static byte[] feed(boolean nested) {
    String head =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Nested</title>"
            + "<link href=\"https://nested.example/\"/><id>urn:nested</id>"
            + "<updated>2025-01-01T00:00:00Z</updated>\n";
    String tail = "</feed>\n";
    StringBuilder xml = new StringBuilder(MAX_BYTES).append(head);
    for (int n = 0; ; n++) {
      String entry = entry(n, nested);
      if (xml.length() + entry.length() + tail.length() > MAX_BYTES) {
        break;
      }
      xml.append(entry);
    }
    return xml.append(tail).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String entry(int n, boolean nested) {
    StringBuilder entry =
        new StringBuilder()
            .append("<entry><id>urn:nested:")
            .append(n)
            .append("</id><title>Entry ")
            .append(n)
            .append("</title><link href=\"https://nested.example/")
            .append(n)
            .append("\"/><updated>2025-01-01T00:00:00Z</updated><content type=\"xhtml\">")
            .append("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
    for (int level = 0; level < CHAIN; level++) {
      entry.append("<span>w").append(level).append(' ');
      if (!nested) {
        entry.append("</span>");
      }
    }
    if (nested) {
      entry.append("</span>".repeat(CHAIN));
    }
    return entry.append("</div></content></entry>\n").toString();
  }
}
