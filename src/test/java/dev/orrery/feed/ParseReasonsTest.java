package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reasons a body is refused are ours: where the XML breaks, never a Java exception's text. */
@Timeout(30)
class ParseReasonsTest {
  static final URI URL = URI.create("https://reasons.example/feed.xml");

  static ParseResult parse(String xml) {
    return new FeedParser().parse(xml.getBytes(StandardCharsets.UTF_8), "application/xml", URL);
  }

  static String reason(String xml) {
    ParseResult result = parse(xml);
    assertThat(result).as(xml).isInstanceOf(ParseResult.Invalid.class);
    return ((ParseResult.Invalid) result).reason();
  }

  @Test
  @DisplayName("a well-formedness error says where, with the XML parser's words about the document")
  void malformedXmlSaysWhere() {
    assertThat(reason("<rss version=\"2.0\">\n<channel><title>Cut</channel></rss>"))
        .isEqualTo(
            "not a feed: the XML is malformed at line 2, column 22 (the element type \"title\""
                + " must be terminated by the matching end-tag \"</title>\")");
    assertThat(reason("<rss version=\"2.0\"><channel title=\"a\" title=\"b\"/></rss>"))
        .startsWith("not a feed: the XML is malformed at line 1, column ");
  }

  @Test
  @DisplayName("ROME failing on a well-formed document is said in our words")
  void romeFailuresAreOurWords() {
    String slash =
        "<rss version=\"2.0\" xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\"><channel>"
            + "<title>t</title><item><slash:comments>many</slash:comments></item></channel></rss>";
    assertThat(reason(slash)).isEqualTo("not a feed: the <rss> document cannot be read as a feed");
  }

  @Test
  @DisplayName("an OPML list of feeds is not taken for a feed")
  void anOpmlFileIsNotAFeed() {
    String opml =
        "<opml version=\"2.0\"><head><title>Mine</title></head><body><outline type=\"rss\""
            + " text=\"A\" xmlUrl=\"https://a.example/feed\"/></body></opml>";
    assertThat(reason(opml))
        .isEqualTo(
            "not a feed: this is an OPML list of feeds; import it with /opml import (or orrery"
                + " opml import)");
    assertThat(reason(opml.replace(" version=\"2.0\"", "")))
        .startsWith("not a feed: this is an OPML list of feeds");
  }

  @Test
  @DisplayName("no reason carries an exception's text, whatever the body")
  void noReasonLeaksJavaInternals() {
    List<String> bodies =
        List.of(
            "<rss version=\"2.0\"><channel><title>t</title><cloud port=\"abc\"/></channel></rss>",
            "<rss version=\"2.0\"><channel><title>t</title><skipHours><hour>x</hour></skipHours>"
                + "</channel></rss>",
            "<rss version=\"2.0\" xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\"><channel>"
                + "<item><slash:comments>x</slash:comments></item></channel></rss>",
            "<rss version=\"2.0\"><a><b></a></rss>",
            "<rss version=\"2.0\">" + "<a>".repeat(1_000) + "</a>".repeat(1_000) + "</rss>",
            "<?xml version=\"1.0\"?><x:rss xmlns:x=\"urn:x\"/>",
            "\u0000\u0001 binary",
            "<rss version=\"2.0\"><channel><title>\uFFFE</title></channel></rss>");
    for (String body : bodies) {
      assertThat(reason(body))
          .as(body)
          .startsWith("not a feed: ")
          .doesNotContainIgnoringCase("exception")
          .doesNotContainIgnoringCase("null")
          .doesNotContainIgnoringCase("out of bounds")
          .doesNotContainIgnoringCase("for input string")
          .doesNotContainIgnoringCase("cannot invoke")
          .doesNotContain("java.")
          .doesNotContain("org.")
          .doesNotContain("com.");
    }
  }
}
