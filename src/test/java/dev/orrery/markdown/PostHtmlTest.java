package dev.orrery.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.junit.jupiter.api.Test;

/**
 * A post parsed only as far as it is read gives the summary of the whole post, whatever the parser
 * does with the HTML after the part it read.
 */
class PostHtmlTest {
  static final URI BASE = URI.create("https://planet.example/post/1");

  /** Pieces of text and inline HTML, the most of a post. */
  static final String[] INLINE = {
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<em>",
    "</em>",
    "<strong>",
    "</strong>",
    "<a href=\"/x\">",
    "</a>",
    "<a href=\"https://y.example/a\">",
    "<code>",
    "</code>",
    "<br>",
    "<span>",
    "</span>",
    "&amp; ",
    "&lt;",
    "@everyone ",
    "<img src=\"/i.png\">",
    "<img src=\"/t.gif\" width=\"1\">",
    "words and words ",
    "a longer run of plain words that fills the line with text ",
    "\n\n",
    "* _ ` | ",
    "https://z.example/path ",
    "<!-- a comment -->",
    "<script>x</script>"
  };

  /** Pieces the parser nests, closes, moves or fosters, now and then among them. */
  static final String[] ODD = {
    "<p>",
    "</p>",
    "<pre>",
    "</pre>",
    "<ul><li>",
    "<li>",
    "</li></ul>",
    "<ol>",
    "</ol>",
    "<div>",
    "</div>",
    "<blockquote>",
    "</blockquote>",
    "<h2>",
    "</h2>",
    "<tr><td>",
    "<td>",
    "</td></tr>",
    "<nobr>",
    "</nobr>",
    "<font>",
    "</font>",
    "<s>",
    "</s>",
    "<u>",
    "</u>",
    "<hr>",
    "<caption>",
    "<select><option>o</select>",
    "<p><b>",
    "</table>",
    "<template>",
    "</template>",
    "<tr>",
    "<tbody>",
    "<math>",
    "</math>",
    "<svg>",
    "</svg>",
    "<frameset>",
    "<body>",
    "</body>"
  };

  final HtmlToMarkdown htmlToMarkdown = new HtmlToMarkdown();
  final SummaryCutter cutter = new SummaryCutter();
  final SummaryMarkdown summaries = new SummaryMarkdown();

  @Test
  void summariesOfRandomPostsAreTheOnesOfTheWholePost() {
    Random random = new Random(5);
    int partial = 0;
    for (int n = 0; n < 4_000; n++) {
      String html = randomPost(random);
      int maxLength = 2 + random.nextInt(60);
      PostHtml post = new PostHtml(html);
      String summary = summaries.summary(post, BASE, maxLength);
      String whole = cutter.cut(htmlToMarkdown.convert(body(html), BASE), maxLength);
      assertThat(summary).as("%s at %d", html, maxLength).isEqualTo(whole);
      if (!post.isWhole()) {
        partial++;
      }
    }
    // most posts are summarised from their beginning alone, not only by the fallback
    assertThat(partial).isGreaterThan(50);
  }

  @Test
  void theSettledChildrenAreTheWholeParsesWhatComesAfterThem() {
    Random random = new Random(9);
    for (int n = 0; n < 4_000; n++) {
      String html = randomPost(random);
      PostHtml post = new PostHtml(html);
      Element beginning = post.beginning(random.nextInt(html.length() + 1));
      Element whole = body(html);
      // as parsed, not as pretty-printed
      beginning.ownerDocument().outputSettings().prettyPrint(false);
      whole.ownerDocument().outputSettings().prettyPrint(false);
      int settled = post.settledChildren();
      assertThat(whole.childNodeSize()).as(html).isGreaterThanOrEqualTo(settled);
      for (int i = 0; i < settled; i++) {
        Node part = beginning.childNode(i);
        assertThat(part.outerHtml())
            .as("%s: child %d", html, i)
            .isEqualTo(whole.childNode(i).outerHtml());
      }
    }
  }

  @Test
  void aTableOrAnOpenFormattingElementAtTheCutIsNotTakenAsSettled() {
    // the text after the cut is fostered before the table: the table's first row is not the start
    String fostered = "<p>intro</p><table><tr><td>cell</td></tr>" + "fostered text ".repeat(40);
    PostHtml table = new PostHtml(fostered);
    table.beginning(40);
    assertThat(table.settledChildren()).isZero();

    // the </b> after the cut moves the paragraph out of the bold one
    String misnested = "<b>bold <p>" + "inside ".repeat(60) + "</b> after</p>";
    PostHtml bold = new PostHtml(misnested);
    Element beginning = bold.beginning(100);
    assertThat(beginning.childNodeSize()).isEqualTo(1);
    assertThat(bold.settledChildren()).isZero();
    assertThat(summaries.summary(new PostHtml(misnested), BASE, 30))
        .isEqualTo(cutter.cut(htmlToMarkdown.convert(body(misnested), BASE), 30));
  }

  @Test
  void aBeginningCutInsideItsFirstTagIsReadFurther() {
    // the beginning parses into nothing at all: the walk ends without meeting an unsettled child
    String html = "<p title=\"" + "t".repeat(2_000) + "\">the words</p>";
    assertThat(summaries.summary(new PostHtml(html), BASE, 20)).isEqualTo("the words");
  }

  @Test
  void theLongestSummaryAskedForIsTheWholePost() {
    String html = "<p>one</p><p>" + "two ".repeat(500) + "</p>";
    assertThat(summaries.summary(new PostHtml(html), BASE, Integer.MAX_VALUE))
        .isEqualTo(htmlToMarkdown.convert(body(html), BASE));
  }

  @Test
  void aShortPostIsParsedWhole() {
    PostHtml post = new PostHtml("<p>short</p>");
    assertThat(summaries.summary(post, BASE, 350)).isEqualTo("short");
    assertThat(post.isWhole()).isTrue();
  }

  /**
   * Paragraphs of random pieces, some left open or closed out of turn, and now and then a table,
   * closed or not, with text in and out of its cells.
   */
  static String randomPost(Random random) {
    StringBuilder html = new StringBuilder();
    for (int blocks = 1 + random.nextInt(40); blocks > 0; blocks--) {
      int kind = random.nextInt(60);
      String open = kind == 0 ? "<table><tr><td>" : kind == 1 ? "<TABLE>" : kind < 45 ? "<p>" : "";
      String close = kind == 0 ? "</td></tr></table>" : kind < 45 ? "</p>" : "";
      html.append(open);
      for (int i = random.nextInt(12); i >= 0; i--) {
        String[] pieces = random.nextInt(6) == 0 ? ODD : INLINE;
        html.append(pieces[random.nextInt(pieces.length)]);
      }
      html.append(close);
    }
    return html.toString();
  }

  static Element body(String html) {
    return Jsoup.parseBodyFragment(html).body();
  }
}
