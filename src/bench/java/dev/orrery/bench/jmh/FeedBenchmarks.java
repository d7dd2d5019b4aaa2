package dev.orrery.bench.jmh;

import dev.orrery.bench.PlanetFeedWork;
import dev.orrery.feed.NormalizedEntry;
import dev.orrery.feed.ParsedEntry;
import dev.orrery.feed.ParsedFeed;
import dev.orrery.markdown.HtmlToMarkdown;
import dev.orrery.testing.Resources;
import java.net.URI;
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
  private final PlanetFeedWork work = new PlanetFeedWork();
  private final HtmlToMarkdown htmlToMarkdown = new HtmlToMarkdown();
  private byte[] feed;
  private String longPost;
  private URI longPostUrl;

  @Setup
  public void load() {
    feed = Resources.bytes(PlanetFeedWork.LARGEST);
    ParsedFeed parsed = work.parse(feed);
    ParsedEntry longest =
        parsed.entries().stream()
            .max(Comparator.comparingInt(e -> e.html() == null ? 0 : e.html().length()))
            .orElseThrow();
    longPost = longest.html();
    longPostUrl = URI.create(longest.link());
  }

  /** FeedParser alone on the same feed: XML, ROME and the conversion to our records. */
  @Benchmark
  public ParsedFeed parsePlanetFeed() {
    return work.parse(feed);
  }

  /**
   * What a refresh does with a changed body before the database: FeedParser then EntryNormalizer.
   */
  @Benchmark
  public List<NormalizedEntry> parseAndNormalizePlanetFeed() {
    return work.parseAndNormalize(feed);
  }

  /** The longest post of that feed (about 20 KB of HTML) to Discord markdown. */
  @Benchmark
  public String htmlToMarkdownLongPost() {
    return htmlToMarkdown.convert(longPost, longPostUrl);
  }
}
