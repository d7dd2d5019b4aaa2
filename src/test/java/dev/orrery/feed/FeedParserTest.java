package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class FeedParserTest {
  static final URI FEED_URL = URI.create("https://example.com/feed.xml");
  static final String DOCTYPE_REFUSED =
      "not a feed: DOCTYPE declarations are not allowed (possible entity attack)";

  final FeedParser parser = new FeedParser();

  ParsedFeed parsed(String xml) {
    return parsed(xml.getBytes(StandardCharsets.UTF_8), null);
  }

  ParsedFeed parsed(byte[] body, String contentType) {
    ParseResult result = parser.parse(body, contentType, FEED_URL);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).feed();
  }

  String invalid(String xml) {
    ParseResult result =
        parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/xml", FEED_URL);
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    return ((ParseResult.Invalid) result).reason();
  }

  @Test
  void aTruncatedDocumentSaysSoWithoutManglingTheWordXml() {
    assertThat(invalid("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Cut"))
        .isEqualTo(
            "not a feed: the XML is malformed at line 1, column 60"
                + " (XML document structures must start and end within the same entity)");
  }

  @Test
  void parsesRss20WithContentEncodedDcCreatorAndTtl() {
    ParsedFeed feed =
        parsed(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Example &amp; Co</title><link>/</link><ttl>90</ttl>
            <item><title>First &lt;b&gt;post&lt;/b&gt; &amp;amp; more</title>
              <guid isPermaLink="false">  id-1  </guid><link>https://example.com/1</link>
              <description>short</description><content:encoded><![CDATA[<p>long <b>body</b></p>]]></content:encoded>
              <dc:creator>Ada</dc:creator><pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate></item>
            </channel></rss>
            """);
    assertThat(feed.title()).isEqualTo("Example & Co");
    assertThat(feed.siteUrl()).isEqualTo("https://example.com/");
    assertThat(feed.ttl()).isEqualTo(Duration.ofMinutes(90));
    ParsedEntry entry = feed.entries().get(0);
    assertThat(entry.title()).isEqualTo("First post & more");
    assertThat(entry.guid()).isEqualTo("  id-1  ");
    assertThat(entry.html()).isEqualTo("<p>long <b>body</b></p>");
    assertThat(entry.author()).isEqualTo("Ada");
    assertThat(entry.published()).isEqualTo(Instant.parse("2025-06-03T10:00:00Z"));
  }

  @Test
  @DisplayName("RSS 0.91 with the Netscape DOCTYPE parses: a plain DOCTYPE is stripped")
  void parsesRss091WithNetscapeDoctype() {
    ParsedFeed feed =
        parsed(
            """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
              "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Old</title><link>http://old.example/</link>
            <description>d</description><language>en</language>
            <item><title>Ancient</title><link>http://old.example/a</link><description>hi</description></item>
            </channel></rss>
            """);
    assertThat(feed.title()).isEqualTo("Old");
    assertThat(feed.entries()).extracting(ParsedEntry::title).containsExactly("Ancient");
    assertThat(feed.entries().get(0).link()).isEqualTo("http://old.example/a");
  }

  @Test
  void parsesAtom10() {
    ParsedFeed feed =
        parsed(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Atom &lt;feed&gt;</title>
              <link href="https://atom.example/"/><id>urn:feed</id><updated>2025-01-02T03:04:05Z</updated>
              <entry><title type="text">a &lt;b&gt; c</title><id>urn:uuid:1</id>
                <link rel="alternate" href="https://atom.example/1"/><updated>2025-01-02T03:04:05Z</updated>
                <author><name>Grace</name></author>
                <summary>the summary</summary><content type="html">&lt;p&gt;the content&lt;/p&gt;</content></entry>
            </feed>
            """);
    assertThat(feed.title()).isEqualTo("Atom <feed>"); // type="text": kept as written
    ParsedEntry entry = feed.entries().get(0);
    assertThat(entry.guid()).isEqualTo("urn:uuid:1");
    assertThat(entry.title()).isEqualTo("a <b> c"); // type="text": kept as written
    assertThat(entry.link()).isEqualTo("https://atom.example/1");
    assertThat(entry.author()).isEqualTo("Grace");
    assertThat(entry.html()).isEqualTo("<p>the content</p>");
    assertThat(entry.published()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
  }

  @Test
  void parsesAtom03() {
    ParsedFeed feed =
        parsed(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Atom 0.3</title>
              <link rel="alternate" type="text/html" href="https://old-atom.example/"/>
              <modified>2004-01-01T00:00:00Z</modified>
              <entry><title>Oldie</title><link rel="alternate" type="text/html" href="https://old-atom.example/1"/>
                <id>tag:old-atom.example,2004:1</id><issued>2004-01-01T00:00:00Z</issued>
                <modified>2004-01-01T00:00:00Z</modified>
                <content type="text/html" mode="escaped">&lt;p&gt;hello&lt;/p&gt;</content></entry>
            </feed>
            """);
    assertThat(feed.title()).isEqualTo("Atom 0.3");
    ParsedEntry entry = feed.entries().get(0);
    assertThat(entry.guid()).isEqualTo("tag:old-atom.example,2004:1");
    assertThat(entry.link()).isEqualTo("https://old-atom.example/1");
    assertThat(entry.html()).contains("hello");
  }

  @Test
  @DisplayName("RSS 1.0 (RDF) parses, rdf:about serving as the guid")
  void parsesRss10() {
    ParsedFeed feed =
        parsed(
            """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link>
                <description>d</description><items><rdf:Seq><rdf:li resource="https://rdf.example/1"/></rdf:Seq></items></channel>
              <item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link>
                <dc:creator>Linus</dc:creator><dc:date>2025-02-03T04:05:06Z</dc:date></item>
            </rdf:RDF>
            """);
    ParsedEntry entry = feed.entries().get(0);
    assertThat(entry.title()).isEqualTo("One");
    assertThat(entry.guid()).isEqualTo("https://rdf.example/1");
    assertThat(entry.author()).isEqualTo("Linus");
    assertThat(entry.published()).isEqualTo(Instant.parse("2025-02-03T04:05:06Z"));
  }

  @Test
  void anHtmlPageIsNotAFeed() {
    byte[] html =
        "<!DOCTYPE html>\n<html><head><title>Blog</title></head><body><p>hi</p></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parse(html, "text/html; charset=utf-8", FEED_URL))
        .isEqualTo(new ParseResult.Invalid("not a feed: the page is HTML"));
    byte[] noDoctype = "  <html><body><p>hi<br></body></html>".getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parse(noDoctype, null, FEED_URL))
        .isEqualTo(new ParseResult.Invalid("not a feed: the page is HTML"));
  }

  @Test
  @DisplayName("a feed that a misconfigured server labels text/html still parses")
  void aFeedServedAsHtmlStillParses() {
    byte[] body = Fixtures.feed("2026-04-22", "planet-python");
    assertThat(parsed(body, "text/html; charset=utf-8").entries()).hasSize(3);
  }

  @Test
  void garbageIsNotAFeed() {
    assertThat(invalid("this is not XML at all"))
        .startsWith("not a feed: the XML is malformed at line 1");
    assertThat(invalid("{\"items\": []}")).startsWith("not a feed: ");
    assertThat(invalid("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"))
        .isEqualTo("not a feed: <svg> is neither RSS nor Atom");
    assertThat(parser.parse(new byte[0], null, FEED_URL))
        .isEqualTo(new ParseResult.Invalid("not a feed: the body is empty"));
  }

  @Test
  @DisplayName("an external entity naming a local file is refused and the file never read")
  void refusesXxeWithAFileEntity(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
    String xml =
        """
        <?xml version="1.0"?>
        <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "%s"> ]>
        <rss version="2.0"><channel><title>&xxe;</title><link>https://x/</link><description>d</description>
        <item><title>&xxe;</title></item></channel></rss>
        """
            .formatted(secret.toUri());
    assertThat(invalid(xml)).isEqualTo(DOCTYPE_REFUSED).doesNotContain("TOP-SECRET");
  }

  @Test
  @DisplayName("an external entity naming a URL is refused and the URL never requested")
  void refusesXxeWithANetworkEntity() throws IOException {
    try (LoopbackServer server = LoopbackServer.start()) {
      server.on(
          "/",
          exchange ->
              LoopbackServer.respond(
                  exchange, 200, Map.of(), "pwned".getBytes(StandardCharsets.UTF_8)));
      String general =
          """
          <?xml version="1.0"?>
          <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "%s"> ]>
          <rss version="2.0"><channel><title>&xxe;</title></channel></rss>
          """
              .formatted(server.uri("/entity"));
      String parameter =
          """
          <?xml version="1.0"?>
          <!DOCTYPE rss [ <!ENTITY %% remote SYSTEM "%s"> %%remote; ]>
          <rss version="2.0"><channel><title>t</title></channel></rss>
          """
              .formatted(server.uri("/parameter"));
      assertThat(invalid(general)).isEqualTo(DOCTYPE_REFUSED);
      assertThat(invalid(parameter)).isEqualTo(DOCTYPE_REFUSED);
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  @DisplayName("an external DTD is never fetched: the plain DOCTYPE pointing to it is dropped")
  void neverFetchesAnExternalDtd() throws IOException {
    try (LoopbackServer server = LoopbackServer.start()) {
      server.on(
          "/",
          exchange ->
              LoopbackServer.respond(
                  exchange, 200, Map.of(), "<!ENTITY x 'y'>".getBytes(StandardCharsets.UTF_8)));
      String xml =
          """
          <?xml version="1.0"?>
          <!DOCTYPE rss SYSTEM "%s">
          <rss version="2.0"><channel><title>t</title><link>https://x/</link><description>d</description>
          <item><title>fine</title></item></channel></rss>
          """
              .formatted(server.uri("/evil.dtd"));
      assertThat(parsed(xml).entries()).extracting(ParsedEntry::title).containsExactly("fine");
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  @Timeout(10)
  void refusesBillionLaughsQuickly() {
    StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      String ref = ("&lol" + (i - 1) + ";").repeat(10);
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(ref).append("\">");
    }
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE rss ["
            + dtd
            + "]>"
            + "<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>";
    assertThat(invalid(xml)).isEqualTo(DOCTYPE_REFUSED);
  }

  @Test
  @Timeout(10)
  void refusesQuadraticBlowup() {
    String big = "a".repeat(50_000);
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \""
            + big
            + "\">]>"
            + "<rss version=\"2.0\"><channel><title>"
            + "&a;".repeat(50_000)
            + "</title></channel></rss>";
    assertThat(invalid(xml)).isEqualTo(DOCTYPE_REFUSED);
  }

  static byte[] cafeFeed(String declaredEncoding, java.nio.charset.Charset bytesIn) {
    String declaration =
        declaredEncoding == null
            ? "<?xml version=\"1.0\"?>"
            : "<?xml version=\"1.0\" encoding=\"" + declaredEncoding + "\"?>";
    return (declaration
            + "<rss version=\"2.0\"><channel><title>Café</title><link>https://x/</link><description>d</description><item><title>Crème"
            + " brûlée</title></item></channel></rss>")
        .getBytes(bytesIn);
  }

  @Test
  @DisplayName("the charset of the Content-Type header wins over a wrong XML declaration")
  void headerCharsetWinsOverTheDeclaration() {
    byte[] latin1 = cafeFeed("UTF-8", StandardCharsets.ISO_8859_1);
    ParsedFeed feed = parsed(latin1, "application/rss+xml; charset=ISO-8859-1");
    assertThat(feed.title()).isEqualTo("Café");
    assertThat(feed.entries().get(0).title()).isEqualTo("Crème brûlée");
  }

  @Test
  @DisplayName("a server's default latin-1 label does not spoil a UTF-8 feed that says it is UTF-8")
  void serverDefaultCharsetYieldsToValidUtf8() {
    ParsedFeed feed =
        parsed(cafeFeed("UTF-8", StandardCharsets.UTF_8), "text/xml; charset=ISO-8859-1");
    assertThat(feed.title()).isEqualTo("Café");
  }

  @Test
  void theXmlDeclarationIsUsedWhenTheHeaderHasNoCharset() {
    ParsedFeed feed =
        parsed(cafeFeed("ISO-8859-1", StandardCharsets.ISO_8859_1), "application/rss+xml");
    assertThat(feed.title()).isEqualTo("Café");
  }

  @Test
  void utf8IsAssumedWhenNothingSaysOtherwise() {
    ParsedFeed feed = parsed(cafeFeed(null, StandardCharsets.UTF_8), "text/xml");
    assertThat(feed.entries().get(0).title()).isEqualTo("Crème brûlée");
  }

  @Test
  @DisplayName(
      "bytes that do not fit the declared charset still parse, with replacement characters")
  void wrongEncodingIsLenient() {
    ParsedFeed feed = parsed(cafeFeed("UTF-8", StandardCharsets.ISO_8859_1), "application/xml");
    assertThat(feed.title()).startsWith("Caf").hasSize(4).isNotEqualTo("Café");
  }

  @Test
  void readsMediaThumbnailsAndImageEnclosures() {
    ParsedFeed feed =
        parsed(
            """
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>m</title>
            <link>https://m.example/</link><description>d</description>
            <item><title>thumb</title><link>https://m.example/1</link>
              <media:thumbnail url="https://cdn.example/t.jpg" width="120" height="90"/></item>
            <item><title>content</title><link>https://m.example/2</link>
              <media:content url="https://cdn.example/c.png" medium="image"/></item>
            <item><title>enclosure</title><link>https://m.example/3</link>
              <enclosure url="https://cdn.example/e.webp" type="image/webp" length="100"/></item>
            <item><title>podcast</title><link>https://m.example/4</link>
              <enclosure url="https://cdn.example/e.mp3" type="audio/mpeg" length="100"/></item>
            </channel></rss>
            """);
    assertThat(feed.entries())
        .extracting(ParsedEntry::imageUrl)
        .containsExactly(
            "https://cdn.example/t.jpg",
            "https://cdn.example/c.png",
            "https://cdn.example/e.webp",
            null);
  }

  @Test
  void everyFixtureParsesWithThreeEntries() {
    int files = 0;
    for (String snapshot : Fixtures.SNAPSHOTS) {
      for (String source : Fixtures.SOURCES) {
        byte[] body = Fixtures.feed(snapshot, source);
        if (body == null) {
          continue;
        }
        files++;
        ParsedFeed feed = parsed(body, "application/rss+xml");
        assertThat(feed.entries()).as(snapshot + "/" + source).hasSize(3);
        assertThat(feed.entries())
            .allSatisfy(
                entry -> {
                  assertThat(entry.guid()).isNotBlank();
                  assertThat(entry.title()).isNotBlank();
                  assertThat(entry.html()).isNotBlank();
                  assertThat(entry.published()).isNotNull();
                });
      }
    }
    assertThat(files).isEqualTo(11);
  }

  static List<ParsedEntry> entriesOf(String snapshot, String source) {
    ParseResult result = new FeedParser().parse(Fixtures.feed(snapshot, source), null, FEED_URL);
    return ((ParseResult.Parsed) result).feed().entries();
  }
}
