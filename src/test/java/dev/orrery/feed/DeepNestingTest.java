package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.testing.HostileFeeds;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Elements nested deeper than a feed ever needs are refused with a reason, in one pass over the
 * body, instead of crashing the process or taking a time that grows with the square of the depth.
 */
@Timeout(30)
class DeepNestingTest {
  static final URI URL = URI.create("https://deep.example/feed.xml");
  static final String TOO_DEEP = "not a feed: elements are nested more than 256 deep";

  static ParseResult parse(FeedParser parser, String xml) {
    return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/xml", URL);
  }

  static ParseResult parse(String xml) {
    return parse(new FeedParser(), xml);
  }

  static String rssWithNestedDescription(int depth) {
    return HostileFeeds.rssWithNestedDescription(depth);
  }

  /** An Atom feed whose XHTML content reaches {@code depth} elements from the root. */
  static String atomWithXhtmlReaching(int depth) {
    int spans = depth - 4; // feed, entry, content, div
    return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>urn:deep</id>"
        + "<entry><id>urn:deep:1</id><title>deep</title><content type=\"xhtml\">"
        + "<div xmlns=\"http://www.w3.org/1999/xhtml\">"
        + "<span>".repeat(spans)
        + "bottom"
        + "</span>".repeat(spans)
        + "</div></content></entry></feed>";
  }

  @Test
  @DisplayName("an item description nested 5,000 deep (35 KB) is refused, not a StackOverflowError")
  void aDeeplyNestedDescriptionIsRefused() {
    String xml = rssWithNestedDescription(5_000);
    assertThat(xml.length()).isBetween(50_000, 60_000);
    assertThat(parse(xml)).isEqualTo(new ParseResult.Invalid(TOO_DEEP));
  }

  @Test
  @DisplayName("Atom XHTML content nested 100,000 deep is refused, not a StackOverflowError")
  void deeplyNestedXhtmlContentIsRefused() {
    assertThat(parse(atomWithXhtmlReaching(100_000))).isEqualTo(new ParseResult.Invalid(TOO_DEEP));
  }

  @Test
  @DisplayName("200,000 elements nested from the root (1.4 MB) are refused with a reason")
  void nestingFromTheRootIsRefused() {
    int depth = 200_000;
    String xml = "<rss version=\"2.0\">" + "<a>".repeat(depth) + "</a>".repeat(depth) + "</rss>";
    assertThat(xml.length()).isGreaterThan(1_400_000);
    assertThat(parse(xml)).isEqualTo(new ParseResult.Invalid(TOO_DEEP));
  }

  @Test
  @DisplayName("a feed nested exactly 256 deep is read to its deepest text; one more is refused")
  void theLimitIsInclusive() {
    ParseResult atLimit = parse(atomWithXhtmlReaching(256));
    assertThat(atLimit).isInstanceOf(ParseResult.Parsed.class);
    String html = ((ParseResult.Parsed) atLimit).feed().entries().get(0).html();
    assertThat(html).contains("<span>".repeat(252) + "bottom");
    assertThat(parse(atomWithXhtmlReaching(257))).isEqualTo(new ParseResult.Invalid(TOO_DEEP));
  }

  @Test
  @DisplayName("markup inside CDATA, comments, instructions and attribute values is not nesting")
  void onlyElementsCount() {
    String lookalikes =
        "<![CDATA["
            + "<a>".repeat(1_000)
            + "]]>"
            + "<!-- "
            + "<b>".repeat(1_000)
            + " -->"
            + "<?pi "
            + "<c>".repeat(1_000)
            + "?>"
            + "<x title=\""
            + "&lt;d&gt; />".repeat(1_000)
            + "\"/>"
            + "<br/>".repeat(1_000);
    String xml =
        "<rss version=\"2.0\"><channel><title>t</title><link>https://deep.example/</link>"
            + "<item><title>flat</title><description>"
            + lookalikes
            + "</description></item></channel></rss>";
    assertThat(parse(xml)).isInstanceOf(ParseResult.Parsed.class);
  }

  @Test
  @DisplayName("a StackOverflowError inside ROME becomes a reason, not a crash")
  void aStackOverflowInRomeIsInvalid() throws InterruptedException {
    // with the limit lifted, ROME meets the deep tree; a small stack makes it overflow for sure
    FeedParser unlimited = new FeedParser(Integer.MAX_VALUE);
    String xml = rssWithNestedDescription(20_000);
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                outcome.set(parse(unlimited, xml));
              } catch (Throwable t) {
                outcome.set(t);
              }
            },
            "small-stack",
            256 * 1024);
    small.start();
    small.join();
    assertThat(outcome.get())
        .isEqualTo(new ParseResult.Invalid("not a feed: elements are nested too deeply to read"));
  }
}
