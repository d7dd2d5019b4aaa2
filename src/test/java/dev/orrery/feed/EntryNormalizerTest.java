package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.markdown.DiscordMarkdown;
import dev.orrery.markdown.HtmlToMarkdown;
import dev.orrery.markdown.SummaryCutter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EntryNormalizerTest {
  static final URI FEED_URL = URI.create("https://Blog.Example:443/feed.xml");
  static final Instant DISCOVERED = Instant.parse("2026-06-01T12:00:00Z");
  static final Instant PUBLISHED = Instant.parse("2025-03-04T05:06:07Z");

  final EntryNormalizer normalizer = new EntryNormalizer(350);

  NormalizedEntry normalize(
      String guid, String link, String title, String html, String image, Instant published) {
    return normalizer.normalize(
        new ParsedEntry(guid, link, title, "  Ada  ", html, image, published, List.of()),
        FEED_URL,
        DISCOVERED);
  }

  @Test
  void theGuidIsTheKeyTrimmed() {
    assertThat(normalize("  tag:blog.example,2025:1 ", "/post", "T", null, null, PUBLISHED).key())
        .isEqualTo("tag:blog.example,2025:1");
  }

  @Test
  @DisplayName(
      "without a guid the key is the link: absolute, lowercase host, no default port, fragment or"
          + " empty query")
  void withoutAGuidTheKeyIsTheNormalisedLink() {
    assertThat(
            normalize(
                    null,
                    "HTTPS://Blog.Example:443/Posts/One?b=2&a=1#comments",
                    "T",
                    null,
                    null,
                    null)
                .key())
        .isEqualTo("https://blog.example/Posts/One?b=2&a=1");
    assertThat(normalize("   ", "/posts/two?", "T", null, null, null).key())
        .isEqualTo("https://blog.example/posts/two");
    assertThat(normalize(null, "http://blog.example:8080/x", "T", null, null, null).key())
        .isEqualTo("http://blog.example:8080/x");
  }

  @Test
  void withNeitherGuidNorLinkTheKeyHashesTitleAndDate() {
    String key = normalize(null, null, " Title ", null, null, PUBLISHED).key();
    assertThat(key).startsWith("sha256:").hasSize("sha256:".length() + 64);
    assertThat(normalize(null, null, "Title", "<p>other body</p>", null, PUBLISHED).key())
        .isEqualTo(key);
    assertThat(normalize(null, null, "Title", null, null, PUBLISHED.plusSeconds(1)).key())
        .isNotEqualTo(key);
    assertThat(normalize(null, null, "Other", null, null, PUBLISHED).key()).isNotEqualTo(key);
  }

  @Test
  void fillsTitleUrlAuthorAndSummary() {
    NormalizedEntry entry =
        normalize("g", "posts/1", null, "<p>Hello <a href=\"2\">next</a></p>", null, PUBLISHED);
    assertThat(entry.title()).isEmpty();
    assertThat(entry.url()).isEqualTo("https://blog.example/posts/1");
    assertThat(entry.author()).isEqualTo("Ada");
    assertThat(entry.summary()).isEqualTo("Hello [next](https://blog.example/posts/2)");
    assertThat(entry.published()).isEqualTo(PUBLISHED);
  }

  @Test
  void aLinkJavasUriCannotHoldIsKeptAndRelativeLinksResolveAgainstTheFeed() {
    // OkHttp reads the stray '%' in the user info; java.net.URI refuses it
    NormalizedEntry entry =
        normalize(
            "g",
            "https://user:p%ss@blog.example/p",
            "t",
            "<p><a href=\"posts/2\">next</a></p>",
            null,
            PUBLISHED);
    assertThat(entry.url()).isEqualTo("https://user:p%ss@blog.example/p");
    assertThat(entry.summary()).isEqualTo("[next](https://blog.example/posts/2)");
  }

  @Test
  void aMissingDateBecomesTheDiscoveryTime() {
    assertThat(normalize("g", null, "T", null, null, null).published()).isEqualTo(DISCOVERED);
  }

  @Test
  void theDeclaredImageIsMadeAbsolute() {
    assertThat(
            normalize("g", "/p", "T", "<img src=\"/inline.png\">", "/media/thumb.jpg", null)
                .imageUrl())
        .isEqualTo("https://blog.example/media/thumb.jpg");
  }

  @Test
  void otherwiseTheFirstImageOfTheHtmlSkippingTrackingPixels() {
    String html =
        "<p><img src=\"https://stats.example/px.gif\" width=\"1\" height=\"1\"><img"
            + " src=\"data:image/gif;base64,R0lGOD\"><img src=\"../img/chart.png\""
            + " width=\"600\"></p>";
    assertThat(normalize("g", "https://blog.example/posts/1", "T", html, null, null).imageUrl())
        .isEqualTo("https://blog.example/img/chart.png");
    assertThat(normalize("g", "/p", "T", "<p>no picture</p>", null, null).imageUrl()).isNull();
  }

  @Test
  void findsImagesWrittenInCapitalsOrAsAnImageTag() {
    assertThat(normalize("g", "/p", "T", "<p>a</p><IMG SRC=\"/a.png\">", null, null).imageUrl())
        .isEqualTo("https://blog.example/a.png");
    assertThat(normalize("g", "/p", "T", "<p>b</p><iMaGe src=\"/b.png\">", null, null).imageUrl())
        .isEqualTo("https://blog.example/b.png");
  }

  @Test
  void htmlSaidToHoldNoImageNeverParsesIntoOne() {
    // Pieces that make or nearly make an image element, shuffled into random HTML.
    String[] pieces = {
      "<img src=x>",
      "<IMG SRC=y>",
      "<image src=z>",
      "<Im src=w>",
      "<i>",
      "</i>",
      "<im",
      "&lt;img",
      "<svg><image href=v></image></svg>",
      "<!-- <img src=c> -->",
      "<p>",
      "</p>",
      "text",
      " ",
      "<script><img src=s></script>",
      "<i\u0000mg src=n>",
      "<\u0130mg src=t>",
      "<",
      "m",
      "i",
      "g"
    };
    Random random = new Random(11);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder html = new StringBuilder();
      for (int i = random.nextInt(8); i >= 0; i--) {
        html.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = html.toString();
      boolean parsedHasImage = !Jsoup.parseBodyFragment(text).select("img").isEmpty();
      if (parsedHasImage) {
        assertThat(EntryNormalizer.mayHoldImage(text)).as(text).isTrue();
      }
    }
    assertThat(EntryNormalizer.mayHoldImage("<p>a picture of <b>me</b></p>")).isFalse();
  }

  @Test
  void theImageIsTheFirstOfTheWholePostWhereverTheSummaryStopped() {
    String[] text = {
      "<b>", "</b>", "<div>", "</div>", "words and more words ",
          "a longer run of plain words here ",
      "<a href=\"/l\">", "</a>", "<pre>", "</pre>", "</p>", "<em>"
    };
    String[] images = {
      "<img src=\"/a.png\">", "<img src=\"/px.gif\" height=\"1\">", "<IMG SRC=\"/b.png\">",
      "<img src=\"javascript:x\">", "<image src=\"/c.png\">", "<table><tr><td><img src=\"/d.png\">"
    };
    Random random = new Random(3);
    EntryNormalizer shortSummaries = new EntryNormalizer(20);
    int fromTheTail = 0;
    for (int n = 0; n < 1_000; n++) {
      StringBuilder html = new StringBuilder();
      for (int blocks = 1 + random.nextInt(40); blocks > 0; blocks--) {
        html.append(random.nextInt(40) == 0 ? "<table><tr><td>" : "<p>");
        for (int i = random.nextInt(10); i >= 0; i--) {
          html.append(text[random.nextInt(text.length)]);
        }
        if (random.nextInt(12) == 0) {
          html.append(images[random.nextInt(images.length)]);
        }
        html.append("</p>");
      }
      String expected = null;
      for (Element img : Jsoup.parseBodyFragment(html.toString()).body().select("img[src]")) {
        String src = img.attr("src");
        if (!img.attr("height").equals("1") && !src.startsWith("javascript")) {
          expected = "https://blog.example" + src;
          break;
        }
      }
      String image =
          shortSummaries
              .normalize(
                  new ParsedEntry("g", "/p", "T", null, html.toString(), null, null, List.of()),
                  FEED_URL,
                  DISCOVERED)
              .imageUrl();
      assertThat(image).as(html.toString()).isEqualTo(expected);
      if (expected != null && html.indexOf(expected.substring(20)) > 600) {
        fromTheTail++;
      }
    }
    assertThat(fromTheTail).isGreaterThan(30);
  }

  @Test
  void takesTheImageFromAParsedMediaThumbnail() {
    String xml =
        """
        <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>m</title>
        <link>https://m.example/</link><description>d</description>
        <item><title>t</title><link>https://m.example/1</link><description>&lt;img src="x.png"&gt;</description>
          <media:thumbnail url="/thumbs/1.jpg"/></item></channel></rss>
        """;
    ParsedFeed feed =
        ((ParseResult.Parsed)
                new FeedParser().parse(xml.getBytes(StandardCharsets.UTF_8), null, FEED_URL))
            .feed();
    assertThat(normalizer.normalize(feed.entries().get(0), FEED_URL, DISCOVERED).imageUrl())
        .isEqualTo("https://blog.example/thumbs/1.jpg");
  }

  @Test
  @DisplayName("re-dated and re-ordered entries keep their keys, with or without guids")
  void reDatedAndReorderedEntriesKeepTheirKeys() {
    String first =
        """
        <rss version="2.0"><channel><title>f</title><link>https://f.example/</link><description>d</description>
        <item><title>A</title><guid>a</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>
        <item><title>B</title><link>https://f.example/b</link><pubDate>Tue, 02 Jan 2024 00:00:00 GMT</pubDate></item>
        <item><title>C</title><link>/c#top</link><pubDate>Wed, 03 Jan 2024 00:00:00 GMT</pubDate></item>
        </channel></rss>
        """;
    String later =
        """
        <rss version="2.0"><channel><title>f</title><link>https://f.example/</link><description>d</description>
        <item><title>C</title><link>https://F.example/c</link><pubDate>Fri, 05 Jan 2024 00:00:00 GMT</pubDate></item>
        <item><title>A (updated)</title><guid>a</guid><pubDate>Sat, 06 Jan 2024 00:00:00 GMT</pubDate></item>
        <item><title>B</title><link>https://f.example/b</link><pubDate>Sun, 07 Jan 2024 00:00:00 GMT</pubDate></item>
        </channel></rss>
        """;
    assertThat(keys(later)).isEqualTo(keys(first)).hasSize(3);
  }

  @Test
  void entriesWithNeitherGuidNorLinkGetDistinctStableKeys() {
    String xml =
        """
        <rss version="2.0"><channel><title>f</title><link>https://f.example/</link><description>d</description>
        <item><title>Same title</title><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>
        <item><title>Same title</title><pubDate>Tue, 02 Jan 2024 00:00:00 GMT</pubDate></item>
        <item><title>Other</title><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>
        </channel></rss>
        """;
    assertThat(keys(xml))
        .hasSize(3)
        .allMatch(key -> key.startsWith("sha256:"))
        .isEqualTo(keys(xml));
  }

  @Test
  @DisplayName(
      "control, bidi-override and zero-width characters reach no field: title, author, summary,"
          + " feed title, link")
  void controlCharactersFromAFeedReachNoField() {
    ParsedFeed feed = parse("/fixtures/text/control-characters.rss.xml");
    List<NormalizedEntry> entries = normalizeAll(feed);

    assertThat(normalizer.feedTitle(feed)).isEqualTo("Hostile Planet");
    NormalizedEntry ansi = entries.get(0);
    assertThat(ansi.title()).isEqualTo("[31mRed[0m alert");
    assertThat(ansi.author()).isEqualTo("Ada Lovelace");
    assertThat(ansi.summary()).isEqualTo("a\\[2Jb c de\n\n```\nx\ty\n```");
    assertThat(ansi.url()).isEqualTo("https://blog.example/1#%E2%80%AEgnp.exe");
    assertThat(entries.get(1).title()).isEqualTo("]0;TITLE set");
    assertThat(entries.get(2).title()).isEqualTo("Price1m next");
    assertThat(entries.get(3).title()).isEqualTo("exe.txt and zerowidth");
  }

  @Test
  @DisplayName(
      "UTF-8 read as Latin-1 or Windows-1252, as Planet Python served it, is repaired in titles,"
          + " authors, summaries and the feed title; real accented text stays")
  void doubleDecodedUtf8FromThePlanetsIsRepaired() {
    ParsedFeed feed = parse("/fixtures/text/planet-python-mojibake.rss.xml");
    List<NormalizedEntry> entries = normalizeAll(feed);

    assertThat(normalizer.feedTitle(feed)).isEqualTo("Planet Python — Ångström’s edition");
    NormalizedEntry pycoders = entries.get(0);
    assertThat(pycoders.title()).isEqualTo("PyCoder’s Weekly: Issue #712 (Nov. 25, 2025)");
    assertThat(pycoders.author()).isEqualTo("PyCoder’s Weekly");
    assertThat(pycoders.summary())
        .isEqualTo("Python’s new release — what’s in it for you, and a café for Ångström fans.");
    NormalizedEntry django = entries.get(1);
    assertThat(django.title()).isEqualTo("Django Weblog: “Django 6.0” released – don’t miss it");
    assertThat(django.summary())
        .isEqualTo("Señor naïve Ångström Â £5 “quoted” – real text stays as written.");
  }

  @Test
  @DisplayName(
      "a title is read as HTML only when it looks like HTML: <b>Bold</b> is bold, the <blink> tag"
          + " is text")
  void aTitleIsHtmlOnlyWhenItLooksLikeHtml() {
    ParsedFeed feed = parse("/fixtures/text/titles.rss.xml");

    assertThat(normalizer.feedTitle(feed)).isEqualTo("Tom & Jerry’s blog");
    // each item's guid is how its title should read
    assertThat(normalizeAll(feed))
        .hasSize(10)
        .allSatisfy(
            entry ->
                assertThat(entry.title()).isEqualTo(entry.key().replace(", escaped twice", "")));
    assertThat(DiscordMarkdown.escape(normalizeAll(feed).get(5).title()))
        .isEqualTo("\\[x\\](\\<https://evil.example/>)");
  }

  @Test
  @DisplayName("a title whose mention is split by tags or a comment is escaped as one text")
  void aMentionSplitInATitleIsBrokenWhenEscaped() {
    String xml =
        """
        <rss version="2.0"><channel><title>f</title><link>https://f.example/</link><description>d</description>
        <item><guid>1</guid><title>@&lt;span&gt;&lt;/span&gt;everyone &lt;font&gt;@&lt;/font&gt;&lt;font&gt;here&lt;/font&gt;</title></item>
        <item><guid>2</guid><title><![CDATA[@<!-- x -->everyone <b>@</b>here]]></title></item>
        </channel></rss>
        """;
    ParsedFeed feed =
        ((ParseResult.Parsed)
                new FeedParser().parse(xml.getBytes(StandardCharsets.UTF_8), null, FEED_URL))
            .feed();
    List<NormalizedEntry> entries = normalizeAll(feed);
    assertThat(DiscordMarkdown.escape(entries.get(0).title()))
        .isEqualTo("@\u200Beveryone @\u200Bhere");
    assertThat(DiscordMarkdown.escape(entries.get(1).title()))
        .isEqualTo("@\u200Beveryone @\u200Bhere");
  }

  @Test
  @DisplayName(
      "a description nesting 5,000 or 100,000 divs, or 50,000 <b>, is normalised without a stack"
          + " overflow")
  void deeplyNestedHtmlIsNormalised() {
    for (String open :
        List.of("<div>", "<b>", "<b><i>", "<blockquote>", "<ol><li>", "<a href=x>")) {
      for (int depth : new int[] {5_000, 50_000, 100_000}) {
        String html = open.repeat(depth) + "deep &amp; text" + "</p>".repeat(depth);
        NormalizedEntry entry = normalize("g", "/p", "T", html, null, null);
        assertThat(entry.summary()).as("%s x %d", open, depth).contains("deep & text");
      }
    }
  }

  ParsedFeed parse(String resource) {
    byte[] body = dev.orrery.testing.Resources.bytes(resource);
    return ((ParseResult.Parsed) new FeedParser().parse(body, null, FEED_URL)).feed();
  }

  List<NormalizedEntry> normalizeAll(ParsedFeed feed) {
    return feed.entries().stream()
        .map(e -> normalizer.normalize(e, FEED_URL, DISCOVERED))
        .collect(Collectors.toList());
  }

  Set<String> keys(String xml) {
    ParsedFeed feed =
        ((ParseResult.Parsed)
                new FeedParser()
                    .parse(
                        xml.getBytes(StandardCharsets.UTF_8),
                        null,
                        URI.create("https://f.example/feed")))
            .feed();
    List<NormalizedEntry> entries =
        feed.entries().stream()
            .map(e -> normalizer.normalize(e, URI.create("https://f.example/feed"), DISCOVERED))
            .collect(Collectors.toList());
    return entries.stream().map(NormalizedEntry::key).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("the longest real post is cut to 350 at a word boundary, never inside a link")
  void cutsALongRealPost() {
    ParsedEntry longest = null;
    for (String snapshot : Fixtures.SNAPSHOTS) {
      for (String source : Fixtures.SOURCES) {
        byte[] body = Fixtures.feed(snapshot, source);
        if (body == null) {
          continue;
        }
        ParsedFeed feed =
            ((ParseResult.Parsed)
                    new FeedParser().parse(body, null, URI.create("https://x.example/")))
                .feed();
        ParsedEntry candidate =
            feed.entries().stream()
                .max(Comparator.comparingInt(e -> e.html().length()))
                .orElseThrow();
        if (longest == null || candidate.html().length() > longest.html().length()) {
          longest = candidate;
        }
      }
    }
    // Put a link where the cut falls, so "never inside a link" is really tested.
    String html =
        "<p>"
            + "word ".repeat(60)
            + "<a href=\"/far/away\">a link that spans the cut point</a></p>"
            + longest.html();
    ParsedEntry entry =
        new ParsedEntry("g", "https://x.example/post", "t", null, html, null, null, List.of());
    NormalizedEntry normalized =
        new EntryNormalizer(350)
            .normalize(entry, URI.create("https://x.example/feed"), Instant.EPOCH);
    String full = new HtmlToMarkdown().convert(html, URI.create("https://x.example/post"));

    assertThat(full.length()).isGreaterThan(10_000);
    assertThat(normalized.summary()).hasSizeLessThanOrEqualTo(350).endsWith("…");
    String kept = normalized.summary().substring(0, normalized.summary().length() - 1);
    assertThat(full).startsWith(kept);
    assertThat(Character.isWhitespace(full.charAt(kept.length()))).isTrue();
    assertThat(kept).doesNotContain("[a link"); // the link would cross 350: it is left out whole
    assertThat(kept.length()).isGreaterThan(250);
  }

  @Test
  @DisplayName(
      "the summary is the one of the whole post cleaned first, though only what it reads is"
          + " cleaned, and cleaned once when a long link makes it read the post again")
  void theSummaryIsOfTheCleanedPostWhereverItIsCut() {
    String doubled = "caf\u00C3\u0192\u00C2\u00A9"; // "café" mojibaked twice: cleaned once, "cafÃ©"
    String html =
        "<p>"
            + doubled
            + " au lait "
            + "word ".repeat(20)
            // written whole, tidied to a few lines: the beginning falls short and is read again
            + "</p><pre>x"
            + "\n".repeat(1_000)
            + "y</pre><p>don\u00e2\u0080\u0099t \u202Ereversed\u200B zero "
            + "more ".repeat(30)
            + "</p><p><a href=\"https://x.example/far\">"
            + "a long link text ".repeat(30)
            + "</a> after "
            + doubled
            + "</p>"
            + "PyCoder\u00e2\u0080\u0099s tail \u0007 bell "
            + "<div>"
            + "last \u00e2\u0080\u009c".repeat(40)
            + "</div>";
    URI base = URI.create("https://x.example/post");
    Element cleaned = Jsoup.parseBodyFragment(html).body();
    NodeTraversor.traverse(
        (node, depth) -> {
          if (node instanceof TextNode text) {
            text.text(EntryNormalizer.clean(text.getWholeText()));
          }
        },
        cleaned);
    HtmlToMarkdown markdown = new HtmlToMarkdown();
    String whole = markdown.convert(cleaned, base);
    assertThat(whole).contains("caf\u00C3\u00A9", "don’t reversed zero", "PyCoder’s", "last “");
    int readAgain = 0;
    for (int maxLength = 20; maxLength < whole.length() + 20; maxLength += 7) {
      ParsedEntry entry =
          new ParsedEntry("g", base.toString(), "t", null, html, null, null, List.of());
      NormalizedEntry normalized =
          new EntryNormalizer(maxLength).normalize(entry, FEED_URL, DISCOVERED);
      assertThat(normalized.summary())
          .as("at %d", maxLength)
          .isEqualTo(new SummaryCutter().cut(whole, maxLength));
      HtmlToMarkdown.Converted first = markdown.convertBeginning(cleaned, base, maxLength + 200);
      if (!first.complete()
          && new SummaryCutter().cutBeginning(first.markdown(), maxLength) == null) {
        readAgain++;
      }
    }
    assertThat(readAgain).isGreaterThan(0);
  }
}
