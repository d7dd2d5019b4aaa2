package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.testing.Resources;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Well-formed documents of every format ROME knows are read, and read faithfully, however sparse or
 * unusual: no channel, no items, Atom outside its namespace, base64 and escaped Atom 0.3 text,
 * foreign attributes, titles only in Dublin Core. Fixtures in {@code fixtures/formats}.
 */
class FeedFormatsTest {
  static final URI URL = URI.create("https://formats.example/feed.xml");

  static ParsedFeed parsed(String fixture) {
    byte[] body = Resources.bytes("/fixtures/formats/" + fixture);
    ParseResult result = new FeedParser().parse(body, null, URL);
    assertThat(result).as(fixture).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).feed();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.91-netscape", "0.91-userland", "0.92", "0.93", "0.94", "2.0"})
  @DisplayName("RSS without a channel is a feed with no entries")
  void rssWithoutAChannel(String version) {
    ParsedFeed feed = parsed("rss-" + version + "-no-channel.xml");
    assertThat(feed.title()).isNull();
    assertThat(feed.entries()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.91-netscape", "0.91-userland", "0.92", "0.93", "0.94", "2.0"})
  @DisplayName("RSS without items is a feed with no entries")
  void rssWithoutItems(String version) {
    ParsedFeed feed = parsed("rss-" + version + "-no-items.xml");
    assertThat(feed.title()).isEqualTo("Scripting News");
    assertThat(feed.siteUrl()).isEqualTo("http://www.scripting.com/");
    assertThat(feed.entries()).isEmpty();
  }

  @Test
  @DisplayName("RSS 0.90 without a channel still has its items, which sit beside the channel")
  void rss090WithoutAChannel() {
    ParsedFeed feed = parsed("rss-0.90-no-channel.xml");
    assertThat(feed.title()).isNull();
    assertThat(feed.entries())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.title()).isEqualTo("Mozilla 0.9 status");
              assertThat(entry.link()).isEqualTo("http://www.mozilla.org/status/");
            });
  }

  @Test
  void rss090WithoutItems() {
    ParsedFeed feed = parsed("rss-0.90-no-items.xml");
    assertThat(feed.title()).isEqualTo("Mozilla Dot Org");
    assertThat(feed.entries()).isEmpty();
  }

  @Test
  @DisplayName("RSS 1.0 without items, and without a channel")
  void rss10WithoutItemsOrChannel() {
    ParsedFeed noItems = parsed("rss-1.0-no-items.xml");
    assertThat(noItems.title()).isEqualTo("XML.com");
    assertThat(noItems.entries()).isEmpty();
    ParsedFeed noChannel = parsed("rss-1.0-no-channel.xml");
    assertThat(noChannel.entries())
        .extracting(ParsedEntry::title)
        .containsExactly("Processing Inclusions with XSLT");
  }

  @Test
  @DisplayName(
      "Atom 0.3 base64 title, summary and content are decoded, on as many lines as written")
  void atom03Base64() {
    ParsedFeed feed = parsed("atom-0.3-base64.xml");
    assertThat(feed.title()).isEqualTo("Base64 Weblog");
    ParsedEntry full = feed.entries().get(0);
    assertThat(full.title()).isEqualTo("Café & <friends>, in base64"); // text/plain: as written
    assertThat(full.html())
        .isEqualTo(
            "<p>The whole post, <b>bold</b>, encoded in base64 so that no markup survives in the"
                + " XML. Long enough to need several lines.</p>");
    assertThat(full.published()).isEqualTo(Instant.parse("2004-05-01T12:00:00Z"));
    ParsedEntry summaryOnly = feed.entries().get(1);
    assertThat(summaryOnly.html())
        .isEqualTo("<p>A summary with <em>markup</em> and accents: crème brûlée.</p>");
  }

  @Test
  @DisplayName("Atom 0.3 escaped text: HTML read as HTML, plain text kept as written")
  void atom03Escaped() {
    ParsedFeed feed = parsed("atom-0.3-escaped.xml");
    assertThat(feed.title()).isEqualTo("Escaped Weblog & friends");
    assertThat(feed.entries())
        .extracting(ParsedEntry::title)
        .containsExactly("Café opens", "CDATA & title", "Less <than> more &amp; AT&T");
    assertThat(feed.entries())
        .extracting(ParsedEntry::html)
        .containsExactly(
            "<p>The <b>content</b> &amp; more</p>",
            "<p>Only a summary</p>",
            "Plain &lt;text&gt; &amp;amp; more");
  }

  @Test
  @DisplayName("an Atom feed without a namespace is read as Atom, its XHTML content intact")
  void atomWithoutANamespace() {
    ParsedFeed feed = parsed("atom-no-namespace.xml");
    assertThat(feed.title()).isEqualTo("No Namespace");
    assertThat(feed.siteUrl()).isEqualTo("https://nons.example/");
    ParsedEntry first = feed.entries().get(0);
    assertThat(first.guid()).isEqualTo("urn:nons:1");
    assertThat(first.link()).isEqualTo("https://nons.example/1");
    assertThat(first.author()).isEqualTo("Nobody");
    assertThat(first.published()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
    assertThat(first.html()).contains("<p>An <b>xhtml</b> body</p>");
    assertThat(feed.entries().get(1).title()).isEqualTo("Second");
    assertThat(feed.entries().get(1).html()).isEqualTo("Just a summary");
  }

  @Test
  @DisplayName("an Atom feed in an unknown namespace is read as Atom")
  void atomInAnUnknownNamespace() {
    ParsedFeed feed = parsed("atom-unknown-namespace.xml");
    assertThat(feed.title()).isEqualTo("Lower-case Namespace");
    ParsedEntry entry = feed.entries().get(0);
    assertThat(entry.guid()).isEqualTo("urn:lower:1");
    assertThat(entry.author()).isEqualTo("Someone");
    assertThat(entry.html()).isEqualTo("<p>The <b>content</b></p>");
    assertThat(entry.published()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
  }

  @Test
  @DisplayName("foreign attributes change nothing: <id bogus:attr=\"x\">right</id> is \"right\"")
  void foreignAttributes() {
    ParsedEntry declared = parsed("atom-foreign-attributes.xml").entries().get(0);
    assertThat(declared.guid()).isEqualTo("right");
    assertThat(declared.title()).isEqualTo("Marked up <b> title");
    assertThat(declared.author()).isEqualTo("Ann");
    ParsedEntry undeclared = parsed("atom-undeclared-prefix.xml").entries().get(0);
    assertThat(undeclared.guid()).isEqualTo("right");
    assertThat(undeclared.html()).isEqualTo("<p>body</p>");
  }

  @Test
  @DisplayName("prefixes used without a declaration: dc: is still Dublin Core")
  void undeclaredPrefixes() {
    ParsedEntry entry = parsed("rss-2.0-undeclared-prefixes.xml").entries().get(0);
    assertThat(entry.guid()).isEqualTo("right");
    assertThat(entry.author()).isEqualTo("Ann");
    assertThat(entry.published()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
  }

  @Test
  @DisplayName("dc:title serves when <title> is missing, in RSS 2.0 and RSS 1.0")
  void dublinCoreTitles() {
    ParsedFeed rss2 = parsed("rss-2.0-dc-title.xml");
    assertThat(rss2.title()).isEqualTo("Dublin Core Weblog");
    assertThat(rss2.entries())
        .extracting(ParsedEntry::title)
        .containsExactly("Title from Dublin Core", "Own title");
    ParsedFeed rdf = parsed("rss-1.0-dc-title.xml");
    assertThat(rdf.title()).isEqualTo("RDF with Dublin Core");
    assertThat(rdf.entries())
        .extracting(ParsedEntry::title)
        .containsExactly("RDF item titled in Dublin Core");
  }
}
