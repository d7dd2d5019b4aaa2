package dev.orrery.bench;

import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.NormalizedEntry;
import dev.orrery.feed.ParseResult;
import dev.orrery.feed.ParsedEntry;
import dev.orrery.feed.ParsedFeed;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a refresh does with a changed body before the database, on the largest planet fixture:
 * FeedParser then EntryNormalizer. The JMH benchmark and the peers comparison time this same work.
 */
public final class PlanetFeedWork {
  /** The largest planet fixture (65 KB, three long posts). */
  public static final String LARGEST = "/fixtures/feeds/2025-07-06/planet-twisted.rss.xml";

  public static final URI FEED_URL = URI.create("https://planet.twistedmatrix.com/rss20.xml");
  public static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  private final FeedParser parser = new FeedParser();
  private final EntryNormalizer normalizer = new EntryNormalizer(350);

  /** FeedParser alone: XML, ROME and the conversion to our records. */
  public ParsedFeed parse(byte[] feed) {
    ParseResult result = parser.parse(feed, "application/rss+xml", FEED_URL);
    if (result instanceof ParseResult.Parsed parsed) {
      return parsed.feed();
    }
    throw new IllegalStateException("the planet feed did not parse: " + result);
  }

  /** FeedParser then EntryNormalizer on each entry. */
  public List<NormalizedEntry> parseAndNormalize(byte[] feed) {
    ParsedFeed parsed = parse(feed);
    List<NormalizedEntry> entries = new ArrayList<>(parsed.entries().size());
    for (ParsedEntry entry : parsed.entries()) {
      entries.add(normalizer.normalize(entry, FEED_URL, NOW));
    }
    return entries;
  }
}
