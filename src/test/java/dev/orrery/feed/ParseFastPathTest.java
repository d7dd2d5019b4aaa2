package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.io.SyndFeedInput;
import dev.orrery.markdown.HtmlToMarkdown;
import dev.orrery.markdown.Links;
import dev.orrery.markdown.SummaryCutter;
import dev.orrery.testing.Resources;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts taken for speed change nothing: the parse without ROME's healer, whitespace and
 * blank lines tidied without regexes, and the single HTML parse shared by summary and image.
 */
class ParseFastPathTest {
  static final URI URL = URI.create("https://planet.example/rss20.xml");

  /** What FeedParser gave before the shortcut: always through the healer. */
  static ParsedFeed healed(String body) throws Exception {
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    input.setPreserveWireFeed(true);
    String xml =
        Prolog.withoutPlainDoctype(FeedText.decode(body.getBytes(StandardCharsets.UTF_8), null));
    return new RomeConverter().convert(input.build(new StringReader(xml)), URL);
  }

  static ParsedFeed parsed(String body) {
    ParseResult result = new FeedParser().parse(body.getBytes(StandardCharsets.UTF_8), null, URL);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).feed();
  }

  static String rss(String item) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss"
        + " version=\"2.0\"><channel><title>T</title><link>https://planet.example/</link>"
        + item
        + "</channel></rss>";
  }

  @Test
  void theHealerIsSkippedOnlyWhereItWouldChangeNothing() {
    // a comment: a '&' may be text somewhere, so every one is looked at
    String comment = "<!-- made by hand -->";
    assertThat(
            FeedXml.healingChangesNothing(
                rss(
                    comment
                        + "<item><title>a &lt;b&gt; &amp; &quot;c&quot; &apos;"
                        + " &#233; &#x1F600;</title></item>")))
        .isTrue();
    assertThat(
            FeedXml.healingChangesNothing(rss("<item><title><![CDATA[a &#233;]]></title></item>")))
        .isTrue();
    // the healer rewrites named entities inside CDATA too, where that changes the text
    assertThat(
            FeedXml.healingChangesNothing(rss("<item><title><![CDATA[a &amp; b]]></title></item>")))
        .isFalse();
    for (String text :
        List.of(
            "caf&eacute;",
            "AT&T",
            "&#; &#x;",
            "&#12",
            "&lt",
            "&Lt;",
            "&gt ",
            "&amp",
            "&ampx;",
            "&apos",
            "&quo;",
            "&q;",
            "&")) {
      assertThat(
              FeedXml.healingChangesNothing(
                  rss(comment + "<item><title>" + text + "</title></item>")))
          .as(text)
          .isFalse();
      assertThat(
              FeedXml.healingChangesNothing(
                  rss("<?xml-stylesheet href=\"a.xsl\"?><item><title>" + text + "</title></item>")))
          .as("%s beside a processing instruction", text)
          .isFalse();
      // only elements and text: a parse that accepts the '&' reads what the healer would; one
      // that refuses it is followed by the healer's
      assertThat(FeedXml.healingChangesNothing(rss("<item><title>" + text + "</title></item>")))
          .as("%s in elements only", text)
          .isTrue();
    }
    assertThat(FeedXml.healingChangesNothing(" " + rss(""))).isFalse();
    assertThat(FeedXml.healingChangesNothing(comment + rss(""))).isFalse();
  }

  @Test
  void documentsOfElementsOnlyParseAsThroughTheHealerWhateverTheirAmpersands() throws Exception {
    for (String text : List.of("caf&eacute; &nbsp;", "AT&T", "&#12", "a &amp b", "&lt;p&gt;")) {
      String body =
          rss(
              "<item><guid>g</guid><title>"
                  + text
                  + "</title><description>"
                  + text
                  + "</description></item>");
      assertThat(parsed(body)).as(text).isEqualTo(healed(body));
    }
  }

  @Test
  void everyFixtureParsesAsItDidThroughTheHealer() throws Exception {
    int feeds = 0;
    for (String date : Resources.SNAPSHOTS) {
      for (String source : Resources.SOURCES) {
        String resource = Resources.snapshot(date, source);
        if (resource != null) {
          String body = new String(Resources.bytes(resource), StandardCharsets.UTF_8);
          assertThat(parsed(body)).as(resource).isEqualTo(healed(body));
          feeds++;
        }
      }
    }
    assertThat(feeds).isEqualTo(11);
  }

  @Test
  void documentsOnEitherSideOfTheCheckParseAsThroughTheHealer() throws Exception {
    for (String item :
        List.of(
            "<item><guid>x-1</guid><title>a &lt;b&gt; &amp;"
                + " &#233;</title><description>&lt;p&gt;caf&amp;eacute; &amp;amp; &lt;img"
                + " src=\"/i.png\"&gt;&lt;/p&gt;</description></item>",
            "<item><guid><![CDATA[g&sect;1]]></guid><title><![CDATA[caf&eacute; &amp; co]]></title>"
                + "<description><![CDATA[<p>a&nbsp;b &amp; AT&T</p>]]></description></item>",
            "<item><guid>x-2</guid><title>caf&eacute; &nbsp;</title></item>")) {
      String body = rss(item);
      assertThat(parsed(body)).as(item).isEqualTo(healed(body));
    }
  }

  @Test
  void whitespaceCollapsesAsTheRegexDid() {
    Random random = new Random(6);
    String alphabet = " \t\n\u000B\f\r\u00A0\u2003\u200Bab<é";
    for (int n = 0; n < 2_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(20); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String raw = text.toString();
      assertThat(HtmlToMarkdown.collapseWhitespace(raw))
          .as("[%s]", raw)
          .isEqualTo(raw.replaceAll("[\\s\\u00A0]+", " "));
    }
  }

  @Test
  void summaryAndImageAreAsWithTwoParses() {
    EntryNormalizer normalizer = new EntryNormalizer(350);
    HtmlToMarkdown markdown = new HtmlToMarkdown();
    List<ParsedEntry> entries = new ArrayList<>();
    for (String date : Resources.SNAPSHOTS) {
      for (String source : Resources.SOURCES) {
        String resource = Resources.snapshot(date, source);
        if (resource != null) {
          entries.addAll(
              parsed(new String(Resources.bytes(resource), StandardCharsets.UTF_8)).entries());
        }
      }
    }
    assertThat(entries).hasSizeGreaterThan(30);
    for (ParsedEntry entry : entries) {
      NormalizedEntry normalized = normalizer.normalize(entry, URL, Instant.EPOCH);
      URI base = entry.link() == null ? URL : URI.create(Links.absolute(entry.link(), URL));
      String expected =
          new SummaryCutter()
              .cut(entry.html() == null ? "" : markdown.convert(entry.html(), base), 350);
      assertThat(normalized.summary()).isEqualTo(expected);
      if (entry.imageUrl() == null && entry.html() != null) {
        boolean hasImage = !Jsoup.parseBodyFragment(entry.html()).select("img[src]").isEmpty();
        assertThat(normalized.imageUrl() != null).isEqualTo(hasImage);
      }
    }
  }
}
