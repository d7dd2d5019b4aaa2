package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.testing.Resources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reading OPML files: every feed outline at any depth, Orrery's attributes, and refusals. */
@Timeout(30)
class OpmlReaderTest {
  static final String NS = "xmlns:orrery=\"https://orrery.dev/opml\"";

  static OpmlReader.Read read(String text) {
    return new OpmlReader().read(text.getBytes(StandardCharsets.UTF_8));
  }

  static List<OpmlFeed> feeds(String text) {
    OpmlReader.Read read = read(text);
    assertThat(read).as(text).isInstanceOf(OpmlReader.Read.Feeds.class);
    return ((OpmlReader.Read.Feeds) read).feeds();
  }

  static String refusal(byte[] file) {
    OpmlReader.Read read = new OpmlReader().read(file);
    assertThat(read).isInstanceOf(OpmlReader.Read.Refused.class);
    return ((OpmlReader.Read.Refused) read).reason();
  }

  static String refusal(String text) {
    return refusal(text.getBytes(StandardCharsets.UTF_8));
  }

  static String opml(String body) {
    return "<?xml version=\"1.0\"?><opml version=\"2.0\" "
        + NS
        + "><head><title>t</title></head>"
        + "<body>"
        + body
        + "</body></opml>";
  }

  static String feedOutline(int n) {
    return "<outline type=\"rss\" text=\"Feed "
        + n
        + "\" xmlUrl=\"https://feeds.example/"
        + n
        + ".xml\"/>";
  }

  @Test
  void aFeedReadersExportGivesEveryFeedOutlineAtAnyDepthOnceInTheFilesOrder() {
    OpmlReader.Read read =
        new OpmlReader().read(Resources.bytes("/fixtures/opml/feed-reader-export.opml"));
    assertThat(read).isInstanceOf(OpmlReader.Read.Feeds.class);
    List<OpmlFeed> feeds = ((OpmlReader.Read.Feeds) read).feeds();
    assertThat(feeds)
        .extracting(OpmlFeed::url)
        .containsExactly(
            "https://planetpython.org/rss20.xml",
            "https://www.djangoproject.com/rss/community/blogs/",
            "https://planet.twistedmatrix.com/rss20.xml",
            "https://blog.example.org/feed.atom");
    assertThat(feeds.get(0))
        .isEqualTo(
            new OpmlFeed(
                "https://planetpython.org/rss20.xml",
                "Planet Python",
                "https://planetpython.org/",
                OpmlFeed.Settings.NONE));
    assertThat(feeds.get(2).title())
        .as("the text when there is no title")
        .isEqualTo("Planet Twisted");
    assertThat(feeds.get(2).siteUrl()).isNull();
  }

  @Test
  void orrerysAttributesAreKnownByTheirNamespaceWhateverTheirPrefix() {
    List<OpmlFeed> feeds =
        feeds(
            "<opml version=\"2.0\" xmlns:o=\"https://orrery.dev/opml\" xmlns:x=\"urn:other\">"
                + "<body><outline text=\"news\" o:channel=\"42\">"
                + "<outline type=\"rss\" text=\"A\" xmlUrl=\"https://a.example/feed\""
                + " o:filter=\"python -django\" o:template=\"{{title}} &lt;{{link}}&gt;\""
                + " o:embed=\"false\" o:name=\"Snakes\" o:avatar=\"https://a.example/a.png\""
                + " o:digest=\"daily 08:00 Europe/Paris\"/>"
                + "<outline type=\"rss\" text=\"B\" xmlUrl=\"https://b.example/feed\""
                + " filter=\"not ours\" x:template=\"not ours either\"/>"
                + "</outline></body></opml>");
    assertThat(feeds.get(0).settings())
        .isEqualTo(
            new OpmlFeed.Settings(
                "python -django",
                "{{title}} <{{link}}>",
                "false",
                "Snakes",
                "https://a.example/a.png",
                "daily 08:00 Europe/Paris"));
    assertThat(feeds.get(1).settings()).isEqualTo(OpmlFeed.Settings.NONE);
  }

  @Test
  void fiveHundredFeedsAreReadAndOneMoreIsRefused() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < OpmlReader.MAX_FEEDS; i++) {
      body.append(feedOutline(i));
    }
    // a URL listed twice counts once
    body.append(feedOutline(7));
    assertThat(feeds(opml(body.toString()))).hasSize(500);
    body.append(feedOutline(500));
    assertThat(refusal(opml(body.toString())))
        .isEqualTo(
            "the file lists 501 feeds; one import takes at most 500: split it into smaller files");
  }

  @Test
  void aFileOverOneMegabyteIsRefusedBeforeItIsRead() {
    String padding = "<outline text=\"" + "x".repeat(1000) + "\"/>";
    String big = opml(feedOutline(1) + padding.repeat(1100));
    assertThat(big.length()).isGreaterThan(OpmlReader.MAX_BYTES);
    assertThat(refusal(big))
        .isEqualTo(
            "the file is 1.1 MB; an OPML file may be at most 1 MB: split it into smaller files");
  }

  @Test
  void aFileWithoutFeedOutlinesIsRefused() {
    String none = "the file lists no feeds: none of its outlines has an xmlUrl";
    assertThat(refusal(opml("<outline text=\"Folder\"><outline text=\"empty\"/></outline>")))
        .isEqualTo(none);
    assertThat(refusal("<opml version=\"2.0\"><head/></opml>")).isEqualTo(none);
    assertThat(refusal(new byte[0])).isEqualTo("not an OPML file: the file is empty");
  }

  @Test
  void anExternalEntityIsNeverResolved(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "top-secret-value");
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY s SYSTEM \""
            + secret.toUri()
            + "\">]><opml version=\"2.0\"><body><outline type=\"rss\" text=\"&s;\""
            + " xmlUrl=\"https://a.example/&s;\"/></body></opml>";
    String reason = refusal(xxe);
    assertThat(reason)
        .isEqualTo(
            "not an OPML file: DOCTYPE declarations are not allowed (possible entity attack):"
                + " remove the <!DOCTYPE> line")
        .doesNotContain("top-secret-value");
    // hidden behind a comment, or plain without entities: refused all the same
    assertThat(
            refusal(
                "<!-- hi --><!DOCTYPE opml SYSTEM \""
                    + secret.toUri()
                    + "\">"
                    + opml(feedOutline(1))))
        .startsWith("not an OPML file: DOCTYPE declarations are not allowed");
  }

  @Test
  void aBillionLaughsIsRefusedAtOnce() {
    StringBuilder doctype = new StringBuilder("<!DOCTYPE opml [<!ENTITY l0 \"ha\">");
    for (int i = 1; i <= 10; i++) {
      doctype.append("<!ENTITY l").append(i).append(" \"");
      doctype.append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    doctype.append("]>");
    String laughs =
        doctype
            + "<opml version=\"2.0\"><body><outline text=\"&l10;\" xmlUrl=\"https://a.example/\"/></body></opml>";
    assertThat(refusal(laughs))
        .startsWith("not an OPML file: DOCTYPE declarations are not allowed");
  }

  @Test
  void whatIsNotOpmlSaysWhatItIs() {
    assertThat(refusal("just some notes\nhttps://a.example/feed\n"))
        .startsWith("not an OPML file: the XML is malformed at line 1, column 1 (");
    assertThat(refusal(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}))
        .startsWith("not an OPML file: the XML is malformed at line 1");
    assertThat(refusal("<opml version=\"2.0\"><body><outline text=\"cut\"></body></opml>"))
        .startsWith("not an OPML file: the XML is malformed at line 1, column ");
    assertThat(refusal("<!DOCTYPE html><html><body>My feeds</body></html>"))
        .isEqualTo("not an OPML file: it is an HTML page");
    assertThat(refusal("<rss version=\"2.0\"><channel><title>t</title></channel></rss>"))
        .isEqualTo("not an OPML file: <rss> is a feed, not a list of feeds: subscribe to its URL");
    assertThat(refusal("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title></feed>"))
        .isEqualTo("not an OPML file: <feed> is a feed, not a list of feeds: subscribe to its URL");
    assertThat(refusal("<subscriptions><feed url=\"https://a.example/\"/></subscriptions>"))
        .isEqualTo("not an OPML file: its root element is <subscriptions>, not <opml>");
  }

  @Test
  void outlinesNestedPastTheLimitAreRefusedInOurWords() {
    String deep =
        "<opml version=\"2.0\"><body>"
            + "<outline text=\"f\">".repeat(300)
            + feedOutline(1)
            + "</outline>".repeat(300)
            + "</body></opml>";
    assertThat(refusal(deep)).isEqualTo("not an OPML file: outlines are nested more than 256 deep");
    String fine =
        "<opml version=\"2.0\"><body>"
            + "<outline text=\"f\">".repeat(100)
            + feedOutline(1)
            + "</outline>".repeat(100)
            + "</body></opml>";
    assertThat(feeds(fine)).hasSize(1);
  }

  @Test
  void aHeadRomeCannotReadIsRefusedInOurWords() {
    assertThat(
            refusal(
                "<opml version=\"1.0\"><head><vertScrollState>lots</vertScrollState></head><body>"
                    + feedOutline(1)
                    + "</body></opml>"))
        .isEqualTo("not an OPML file: ROME cannot read its <head> or outlines");
  }
}
