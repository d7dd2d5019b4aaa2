package dev.orrery.bench.jmh;

import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.NormalizedEntry;
import dev.orrery.feed.ParseResult;
import dev.orrery.feed.ParsedEntry;
import dev.orrery.feed.ParsedFeed;
import dev.orrery.markdown.HtmlToMarkdown;
import dev.orrery.testing.Resources;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The hot pure pieces of the feed side: parse and normalise a planet feed; HTML to markdown. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FeedBenchmarks {
  /** The largest planet fixture (65 KB, three long posts). */
  static final String LARGEST = "/fixtures/feeds/2025-07-06/planet-twisted.rss.xml";

  static final URI FEED_URL = URI.create("https://planet.twistedmatrix.com/rss20.xml");
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  private final FeedParser parser = new FeedParser();
  private final EntryNormalizer normalizer = new EntryNormalizer(350);
  private final HtmlToMarkdown htmlToMarkdown = new HtmlToMarkdown();
  private byte[] feed;
  private String longPost;
  private URI longPostUrl;

  @Setup
  public void load() {
    feed = Resources.bytes(LARGEST);
    ParsedFeed parsed =
        ((ParseResult.Parsed) parser.parse(feed, "application/rss+xml", FEED_URL)).feed();
    ParsedEntry longest =
        parsed.entries().stream()
            .max(Comparator.comparingInt(e -> e.html() == null ? 0 : e.html().length()))
            .orElseThrow();
    longPost = longest.html();
    longPostUrl = URI.create(longest.link());
  }

  /** FeedParser alone on the same feed: XML, ROME and the conversion to our records. */
  @Benchmark
  public ParseResult parsePlanetFeed() {
    return parser.parse(feed, "application/rss+xml", FEED_URL);
  }

  /**
   * What a refresh does with a changed body before the database: FeedParser then EntryNormalizer.
   */
  @Benchmark
  public List<NormalizedEntry> parseAndNormalizePlanetFeed() {
    ParsedFeed parsed =
        ((ParseResult.Parsed) parser.parse(feed, "application/rss+xml", FEED_URL)).feed();
    List<NormalizedEntry> entries = new ArrayList<>(parsed.entries().size());
    for (ParsedEntry entry : parsed.entries()) {
      entries.add(normalizer.normalize(entry, FEED_URL, NOW));
    }
    return entries;
  }

  /** The longest post of that feed (about 20 KB of HTML) to Discord markdown. */
  @Benchmark
  public String htmlToMarkdownLongPost() {
    return htmlToMarkdown.convert(longPost, longPostUrl);
  }
}
