package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SummaryCutterTest {
  final SummaryCutter cutter = new SummaryCutter();

  @Test
  void leavesShortTextAlone() {
    assertThat(cutter.cut("short enough", 12)).isEqualTo("short enough");
  }

  @Test
  void cutsAtAWordBoundaryWithAnEllipsis() {
    assertThat(cutter.cut("the quick brown fox jumps", 16)).isEqualTo("the quick brown…");
    assertThat(cutter.cut("the quick brown fox jumps", 15)).isEqualTo("the quick…");
  }

  @Test
  void neverCutsInsideALink() {
    String md = "read [the whole story here](https://news.example/story) today";
    assertThat(cutter.cut(md, 30)).isEqualTo("read…");
    assertThat(cutter.cut(md, 60))
        .isEqualTo("read [the whole story here](https://news.example/story)…");
  }

  @Test
  void neverCutsInsideInlineCodeOrAnEscape() {
    assertThat(cutter.cut("call `some long code here` now", 20)).isEqualTo("call…");
    assertThat(cutter.cut("ab\\*cd", 5)).isEqualTo("ab\\*…");
    assertThat(cutter.cut("ab\\*cd", 4)).isEqualTo("ab…");
  }

  @Test
  void closesBoldAndItalicLeftOpenByTheCut() {
    assertThat(cutter.cut("a **bold claim that goes on** and on", 20))
        .isEqualTo("a **bold claim**…");
    assertThat(cutter.cut("an *italic **and bold** run* ends", 27))
        .isEqualTo("an *italic **and bold***…");
    assertThat(cutter.cut("escaped \\*star and more words", 20)).isEqualTo("escaped \\*star and…");
  }

  @Test
  void closesACodeBlockWhenNothingComesBeforeIt() {
    String md = "```\nline one\nline two\nline three\n```";
    String cut = cutter.cut(md, 28);
    assertThat(cut).isEqualTo("```\nline one\nline two…\n```").hasSizeLessThanOrEqualTo(28);
  }

  @Test
  void cutsBeforeACodeBlockThatDoesNotFit() {
    assertThat(cutter.cut("Intro text\n\n```\nlong code block\n```", 25)).isEqualTo("Intro text…");
  }

  @Test
  void cutsOneEndlessWordHard() {
    assertThat(cutter.cut("a".repeat(50), 10)).isEqualTo("aaaaaaaaa…");
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
    ParsedEntry entry = new ParsedEntry("g", "https://x.example/post", "t", null, html, null, null);
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
}
