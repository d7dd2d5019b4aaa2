package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.markdown.HtmlToMarkdown;
import dev.orrery.markdown.PostHtml;
import dev.orrery.markdown.SummaryCutter;
import dev.orrery.markdown.SummaryMarkdown;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A summary made from the beginning of a post's markdown is the one the whole post's markdown
 * gives, on the planet fixtures and on posts made to meet the cut's corner cases.
 */
class SummaryIdentityTest {
  static final URI BASE = URI.create("https://planet.example/post/1");
  static final int[] LENGTHS = {2, 10, 50, 120, 350, 700, 1500};

  final HtmlToMarkdown htmlToMarkdown = new HtmlToMarkdown();
  final SummaryCutter cutter = new SummaryCutter();
  final SummaryMarkdown summaries = new SummaryMarkdown();

  static List<String> planetPosts() {
    List<String> posts = new ArrayList<>();
    for (String snapshot : Fixtures.SNAPSHOTS) {
      for (String source : Fixtures.SOURCES) {
        byte[] body = Fixtures.feed(snapshot, source);
        if (body == null) {
          continue;
        }
        ParseResult result = new FeedParser().parse(body, null, BASE);
        for (ParsedEntry entry : ((ParseResult.Parsed) result).feed().entries()) {
          if (entry.html() != null) {
            posts.add(entry.html());
          }
        }
      }
    }
    return posts;
  }

  /** The summary as it was made before: the whole post converted, then cut. */
  String whole(String html, int maxLength) {
    return cutter.cut(htmlToMarkdown.convert(body(html), BASE), maxLength);
  }

  static Element body(String html) {
    return Jsoup.parseBodyFragment(html).body();
  }

  @Test
  void planetSummariesAreTheSameAsFromTheWholePost() {
    List<String> posts = planetPosts();
    assertThat(posts).hasSizeGreaterThan(30);
    int shortened = 0;
    for (String html : posts) {
      for (int maxLength : LENGTHS) {
        String summary = summaries.summary(new PostHtml(html), BASE, maxLength);
        assertThat(summary.equals(whole(html, maxLength)))
            .as("%s at %d: %s", html.substring(0, Math.min(80, html.length())), maxLength, summary)
            .isTrue();
      }
      if (!htmlToMarkdown.convertBeginning(body(html), BASE, 350 + 200).complete()) {
        shortened++;
      }
    }
    // the shortcut is taken, not only its fallback
    assertThat(shortened).isGreaterThan(posts.size() / 4);
  }

  @Test
  void cornerCasesAreTheSameAsFromTheWholePost() {
    String words = "word ".repeat(60);
    String longUrl = "https://example.com/" + "a".repeat(900);
    List<String> posts =
        List.of(
            "<p>" + words + "<code>" + "x ".repeat(700) + "</code> after</p>",
            "<p>" + words + "<a href=\"" + longUrl + "\">a long link</a>" + words + words + "</p>",
            "<pre>" + "line of code\n".repeat(200) + "</pre><p>" + words + "</p>",
            "<p><a href=\"" + longUrl + "\">" + "link text ".repeat(80) + "</a></p>" + words,
            "<p>" + "\\*_`[".repeat(300) + "</p>",
            "<p><b>" + words + words + words + "</b></p><p>" + words + "</p>",
            "<ul>" + ("<li>" + words + "</li>").repeat(20) + "</ul>",
            "<blockquote>" + ("<p>" + words + "</p>").repeat(10) + "</blockquote>",
            "<p>" + "x".repeat(3000) + "</p>",
            "<p>" + words + "</p>" + "<p>   </p>".repeat(500) + "<p>" + words + "</p>",
            "<div>" + ("<span>" + words + "</span>").repeat(30) + "</div>",
            "<p>" + words + "</p><p>`unclosed " + words.repeat(10) + "</p>");
    for (String html : posts) {
      for (int maxLength : LENGTHS) {
        assertThat(summaries.summary(new PostHtml(html), BASE, maxLength))
            .as("%s at %d", html.substring(0, 60), maxLength)
            .isEqualTo(whole(html, maxLength));
      }
    }
  }

  @Test
  void aBeginningOfTheMarkdownNeverGivesAnotherCut() {
    List<String> markdowns = new ArrayList<>();
    for (String html : planetPosts()) {
      markdowns.add(htmlToMarkdown.convert(body(html), BASE));
    }
    markdowns.add("[" + "t ".repeat(100) + "](https://x.example/" + "p".repeat(300) + ") rest");
    markdowns.add("`" + "c ".repeat(400) + "` tail " + "w ".repeat(100));
    for (String markdown : markdowns) {
      for (int maxLength : new int[] {10, 120, 350}) {
        String whole = cutter.cut(markdown, maxLength);
        for (int end = 0; end <= markdown.length(); end += 3) {
          String cut = cutter.cutBeginning(markdown.substring(0, end), maxLength);
          if (cut != null) {
            assertThat(cut.equals(whole)).as("%d of %s: %s", end, markdown, cut).isTrue();
          }
        }
      }
    }
  }

  @Test
  void theBeginningIsABeginningOfTheWholeMarkdown() {
    for (String html : planetPosts()) {
      String whole = htmlToMarkdown.convert(body(html), BASE);
      for (int atLeast : new int[] {0, 1, 100, 400, 956}) {
        HtmlToMarkdown.Converted beginning =
            htmlToMarkdown.convertBeginning(body(html), BASE, atLeast);
        if (beginning.complete()) {
          assertThat(beginning.markdown()).isEqualTo(whole);
        } else {
          assertThat(whole).startsWith(beginning.markdown());
        }
      }
    }
  }
}
