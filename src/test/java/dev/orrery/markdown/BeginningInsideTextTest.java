package dev.orrery.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The beginning of a post's markdown, cut inside a long text, is a beginning of the whole markdown
 * wherever the cut falls: at a bare URL, a mention, a trailing "@", a run of whitespace or next to
 * characters outside ASCII.
 */
class BeginningInsideTextTest {
  static final URI BASE = URI.create("https://blog.example/posts/1.html");

  final HtmlToMarkdown converter = new HtmlToMarkdown();
  final SummaryCutter cutter = new SummaryCutter();
  final SummaryMarkdown summaries = new SummaryMarkdown();

  /** Texts whose awkward parts sit next to spaces, each read once at every possible cut. */
  static final List<String> PARAGRAPHS =
      List.of(
          "see https://example.com/a_b@c?x=1 and https://example.com/*x* then more words here",
          "ping @everyone and @here or <@123> and <#456> or @ everyone or @ here, then words",
          "write to me @ home or foo@ bar, and end with an at sign @",
          "@ at the very start, then @, then @@ and @",
          "runs of   white\t\tspace\n\nand\u00A0\u00A0no-break\u00A0 spaces \u00A0 mixed   in",
          "em\u2003space and \u2003 alone \u3000 ideographic\u2028line \u2029para \u001F unit",
          "naïve café 😀 emoji 😀😀 日本語の 文章 and Ünïcödé words with ü and ß and 𝔘",
          "# not a heading - not a list > not a quote + not a list 1. not ordered 12. no",
          "escapes \\ * _ ~ ` | [ ] < all of them \\* \\_ and `code` [not](a link) <https://x>",
          "ends with an at sign @");

  static Element body(String html) {
    return Jsoup.parseBodyFragment(html).body();
  }

  /**
   * Each paragraph alone, repeated to be long, after bold text, in a list, in a quote, after a
   * paragraph and nested deep.
   */
  static List<String> posts() {
    List<String> posts = new ArrayList<>();
    for (String text : PARAGRAPHS) {
      String escaped = org.jsoup.nodes.Entities.escape(text);
      posts.add("<p>" + escaped + "</p>");
      posts.add("<p>" + (escaped + " ").repeat(6) + "</p><p>after</p>");
      posts.add("<p><b>bold</b> " + escaped + " " + escaped + "</p>");
      posts.add("<ul><li>" + escaped + " " + escaped + "</li><li>next</li></ul>");
      posts.add("<blockquote>" + escaped + " " + escaped + "</blockquote>");
      posts.add("<p>first</p>" + escaped + " " + escaped);
      // deeper than the walk recurses: read flat, a text node at a time
      posts.add("<div>".repeat(250) + escaped + "<p>" + escaped + "</p>" + "</div>".repeat(250));
    }
    return posts;
  }

  @Test
  void everyBeginningIsABeginningOfTheWholeMarkdown() {
    for (String html : posts()) {
      Element parsed = body(html); // only read
      String whole = converter.convert(parsed, BASE);
      int cutInside = 0;
      for (int atLeast = 0; atLeast <= whole.length() + 2; atLeast++) {
        HtmlToMarkdown.Converted beginning = converter.convertBeginning(parsed, BASE, atLeast);
        if (beginning.complete()) {
          assertThat(beginning.markdown()).as("%s at %d", html, atLeast).isEqualTo(whole);
        } else {
          assertThat(whole).as("%s at %d", html, atLeast).startsWith(beginning.markdown());
          cutInside++;
        }
      }
      // the cut is really taken inside these texts, not only at the end of the post
      assertThat(cutInside).as(html).isGreaterThan(0);
    }
  }

  @Test
  void theWalkStopsInsideALongParagraph() {
    String html = "<p>" + "word ".repeat(2_000) + "</p>";
    HtmlToMarkdown.Converted beginning = converter.convertBeginning(body(html), BASE, 500);
    assertThat(beginning.complete()).isFalse();
    assertThat(beginning.markdown().length()).isBetween(500, 520);
    assertThat(converter.convert(body(html), BASE)).startsWith(beginning.markdown());
  }

  @Test
  void aTextIsCutOnlyBetweenTwoWordsAndNotAfterAnAtSign() {
    assertThat(HtmlToMarkdown.pieceEnd("ab cd", 0)).isEqualTo(2);
    assertThat(HtmlToMarkdown.pieceEnd("ab cd", 3)).isEqualTo(5);
    assertThat(HtmlToMarkdown.pieceEnd("ab  cd ef", 0)).isEqualTo(6);
    assertThat(HtmlToMarkdown.pieceEnd("a@ cd ef", 0)).isEqualTo(5);
    assertThat(HtmlToMarkdown.pieceEnd("a \u2003b c", 0)).isEqualTo(4);
    assertThat(HtmlToMarkdown.pieceEnd("a\u00A0b c", 0)).isEqualTo(1);
    assertThat(HtmlToMarkdown.pieceEnd(" ab", 0)).isEqualTo(3);
  }

  @Test
  void summariesOfLongTextsAreTheSameAsFromTheWholePost() {
    for (String html : posts()) {
      Element parsed = body(html); // only read
      String whole = converter.convert(parsed, BASE);
      for (int maxLength = 2; maxLength <= whole.length() + 2; maxLength++) {
        assertThat(summaries.summary(new PostHtml(html), BASE, maxLength))
            .as("%s at %d", html, maxLength)
            .isEqualTo(cutter.cut(whole, maxLength));
      }
    }
  }

  @Test
  void randomTextsGiveBeginningsOfTheWholeMarkdown() {
    String[] pieces = {
      "word",
      "a",
      "@",
      "@everyone",
      "@here",
      "<@1>",
      "<#2>",
      "https://x.example/p_q",
      "http://y.example/@z",
      "#",
      "-",
      ">",
      "+",
      "1.",
      "42.",
      "*",
      "_",
      "`",
      "|",
      "[",
      "]",
      "\\",
      "~",
      "é",
      "😀",
      "日本",
      "\u2003",
      "\u3000",
      "\u00A0",
      "&amp;",
      "<b>b</b>",
      "<i>i</i>",
      "<a href=\"/x\">link</a>",
      "<code>c</code>",
      "<br>",
      "<span>s</span>"
    };
    String[] gaps = {" ", "  ", "\n", "\t ", "\u00A0", " \u00A0 ", ""};
    Random random = new Random(20261205);
    for (int post = 0; post < 150; post++) {
      StringBuilder text = new StringBuilder();
      int length = 20 + random.nextInt(200);
      for (int i = 0; i < length; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
        text.append(gaps[random.nextInt(gaps.length)]);
      }
      String html =
          random.nextBoolean() ? "<p>" + text + "</p><p>" + text + "</p>" : text.toString();
      Element parsed = body(html); // only read
      String whole = converter.convert(parsed, BASE);
      for (int atLeast = 0; atLeast <= whole.length(); atLeast += 1 + random.nextInt(7)) {
        HtmlToMarkdown.Converted beginning = converter.convertBeginning(parsed, BASE, atLeast);
        if (beginning.complete()) {
          assertThat(beginning.markdown()).as("%s at %d", html, atLeast).isEqualTo(whole);
        } else {
          assertThat(whole).as("%s at %d", html, atLeast).startsWith(beginning.markdown());
        }
      }
      for (int maxLength : new int[] {2, 20, 50, 120, 350, 700}) {
        assertThat(summaries.summary(new PostHtml(html), BASE, maxLength))
            .as("%s at %d", html, maxLength)
            .isEqualTo(cutter.cut(whole, maxLength));
      }
    }
  }
}
