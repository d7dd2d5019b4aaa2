package dev.orrery.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HtmlToMarkdownTest {
  static final URI BASE = URI.create("https://blog.example/posts/2025/hello.html");
  static final String ZWSP = "\u200B";

  final HtmlToMarkdown converter = new HtmlToMarkdown();

  String md(String html) {
    return converter.convert(html, BASE);
  }

  @Test
  void separatesParagraphsWithABlankLineAndKeepsLineBreaks() {
    assertThat(md("<p>one\n   two</p><p>three<br>four</p>\n\n\n<div>five</div>"))
        .isEqualTo("one two\n\nthree\nfour\n\nfive");
  }

  @Test
  void writesBoldItalicAndInlineCode() {
    assertThat(
            md(
                "<p>a <b>bold </b>and <em>it</em> with <code>x = 1</code> and"
                    + " <strong><b>twice</b></strong></p>"))
        .isEqualTo("a **bold** and *it* with `x = 1` and **twice**");
  }

  @Test
  void fencesCodeBlocksKeepingWhitespace() {
    String html =
        "<p>Look:</p><pre><code class=\"language-python\">def f():\n"
            + "    return `x` + '```'\n"
            + "</code></pre><p>done</p>";
    assertThat(md(html))
        .isEqualTo("Look:\n\n```python\ndef f():\n    return `x` + '``" + ZWSP + "`'\n```\n\ndone");
  }

  @Test
  void inlineCodeHoldingABacktickUsesDoubleBackticks() {
    assertThat(md("<code>a`b</code>")).isEqualTo("`` a`b ``");
  }

  @Test
  void writesNestedLists() {
    String html =
        "<ul><li>one</li><li>two<ul><li>two a</li><li>two"
            + " b<ol><li>deep</li></ol></li></ul></li><li>three</li></ul><ol"
            + " start=\"3\"><li>third</li><li>fourth</li></ol>";
    assertThat(md(html))
        .isEqualTo("- one\n- two\n  - two a\n  - two b\n    1. deep\n- three\n3. third\n4. fourth");
  }

  @Test
  void quotesBlockQuotes() {
    assertThat(md("<p>He said:</p><blockquote><p>first</p><p>second</p></blockquote><p>after</p>"))
        .isEqualTo("He said:\n\n> first\n> second\n\nafter");
  }

  @Test
  void writesHeadingsAsBoldLines() {
    assertThat(md("<h2>Title</h2><p>text</p>")).isEqualTo("**Title**\n\ntext");
  }

  @Test
  void resolvesRelativeLinksAgainstTheBase() {
    assertThat(md("<a href=\"../about.html\">about us</a> and <a href=\"/x?a=1#top\">x</a>"))
        .isEqualTo(
            "[about us](https://blog.example/posts/about.html) and"
                + " [x](https://blog.example/x?a=1#top)");
  }

  @Test
  void encodesParenthesesInLinkTargetsSoTheLinkDoesNotEndEarly() {
    assertThat(md("<a href=\"https://en.wikipedia.example/wiki/Python_(language)\">Python</a>"))
        .isEqualTo("[Python](https://en.wikipedia.example/wiki/Python_%28language%29)");
  }

  @Test
  void writesALinkWhoseTextIsItsUrlOnce() {
    assertThat(md("<a href=\"https://docs.example/a_b\">https://docs.example/a_b</a>"))
        .isEqualTo("<https://docs.example/a_b>");
  }

  @Test
  @DisplayName("a link whose text is a URL or host other than its target shows the target")
  void aLinkWhoseTextNamesAnotherAddressShowsItsTarget() {
    assertThat(md("<a href=\"https://evil.example/login\">https://discord.com/login</a>"))
        .isEqualTo("<https://evil.example/login>");
    assertThat(md("<a href=\"https://evil.example/\">discord.com</a>"))
        .isEqualTo("<https://evil.example/>");
    assertThat(md("<a href=\"https://evil.example/\">www.<b>discord</b>.com</a>"))
        .isEqualTo("<https://evil.example/>");
    assertThat(md("<a href=\"https://github.com/evil/cpython\">github.com/python/cpython</a>"))
        .isEqualTo("<https://github.com/evil/cpython>");
    assertThat(md("<a href=\"mailto:x@evil.example\">https://discord.com/</a>"))
        .isEqualTo("mailto:x@evil.example");
  }

  @Test
  void aLinkWhoseTextNamesItsOwnAddressOrAFileKeepsItsText() {
    assertThat(md("<a href=\"https://www.python.org/downloads/\">python.org/downloads</a>"))
        .isEqualTo("[python.org/downloads](https://www.python.org/downloads/)");
    assertThat(md("<a href=\"https://www.python.org/\">Python.org</a>"))
        .isEqualTo("[Python.org](https://www.python.org/)");
    assertThat(
            md("<a href=\"https://github.com/pypa/sampleproject/blob/main/setup.py\">setup.py</a>"))
        .isEqualTo("[setup.py](https://github.com/pypa/sampleproject/blob/main/setup.py)");
    assertThat(
            md(
                "<a href=\"https://docs.python.org/3/library/asyncio-runner.html#asyncio.run\">"
                    + "<code>asyncio.run</code></a>"))
        .isEqualTo(
            "[`asyncio.run`](https://docs.python.org/3/library/asyncio-runner.html#asyncio.run)");
  }

  @Test
  @DisplayName("a mention inside a bare URL is left alone: the link must still go where it says")
  void bareUrlsKeepTheirMentions() {
    assertThat(
            md(
                "<p>see https://x.example/@everyone, <a href=\"https://x.example/@here\">"
                    + "https://x.example/@here</a> and @everyone</p>"))
        .isEqualTo(
            "see https://x.example/@everyone, <https://x.example/@here> and @" + ZWSP + "everyone");
  }

  @Test
  @DisplayName("a fragment cannot end an autolink early and start markdown of its own")
  void fragmentsAreEncodedSoTheyCannotEndALink() {
    assertThat(md("<a href=\"https://ok.example/p#x>[y](https://evil.example/) \u202E\">link</a>"))
        .isEqualTo(
            "[link](https://ok.example/p#x%3E%5By%5D%28https://evil.example/%29%20%E2%80%AE)");
  }

  @Test
  void keepsOnlyTheTextOfLinksToOtherSchemes() {
    assertThat(
            md(
                "<a href=\"javascript:alert(1)\">click</a> <a href=\"mailto:me@blog.example\">mail"
                    + " me</a>"))
        .isEqualTo("click [mail me](mailto:me@blog.example)");
  }

  @Test
  void dropsScriptsStylesEmbedsFormsAndImages() {
    String html =
        "<p>keep</p><script>alert('x')</script><style>p{color:red}</style><iframe"
            + " src=\"https://evil.example\"></iframe><form><input value=\"v\">form"
            + " text</form><object data=\"x\">obj</object><img src=\"a.png\""
            + " alt=\"pic\"><p>also</p>";
    assertThat(md(html)).isEqualTo("keep\n\nalso");
  }

  @Test
  void decodesEntities() {
    assertThat(md("<p>caf&eacute; &amp; cr&#232;me &mdash; &#x1F600; &lt;tag&gt;</p>"))
        .isEqualTo("café & crème — \uD83D\uDE00 \\<tag>");
  }

  @Test
  @DisplayName("@everyone, @here and role, user and channel mentions in feed text are neutralised")
  void neutralisesMentions() {
    String md = md("<p>@everyone @here &lt;@&amp;123&gt; &lt;@456&gt; &lt;#789&gt;</p>");
    assertThat(md)
        .isEqualTo(
            "@"
                + ZWSP
                + "everyone @"
                + ZWSP
                + "here \\<@"
                + ZWSP
                + "&123> \\<@"
                + ZWSP
                + "456> \\<#"
                + ZWSP
                + "789>");
    assertThat(md).doesNotContain("@everyone", "@here", "<@&123>", "<@456>", "<#789>");
  }

  @Test
  @DisplayName(
      "a mention split by an empty element, a comment or markup is broken in the joined text")
  void mentionsSplitAcrossNodesAreNeutralised() {
    assertThat(md("@<span></span>everyone")).isEqualTo("@" + ZWSP + "everyone");
    assertThat(md("@<!-- x -->everyone")).isEqualTo("@" + ZWSP + "everyone");
    assertThat(md("<font>@</font><font>here</font>")).isEqualTo("@" + ZWSP + "here");
    assertThat(md("&lt;<span>@</span>123&gt;")).isEqualTo("\\<@" + ZWSP + "123>");
    assertThat(md("@<b>everyone</b>")).isEqualTo("@" + ZWSP + "**everyone**");
    assertThat(md("<b>@</b>everyone")).isEqualTo("**@" + ZWSP + "**everyone");
    assertThat(md("<a href=\"https://ok.example/\">@</a>here"))
        .isEqualTo("[@" + ZWSP + "](https://ok.example/)here");
    assertThat(md("<code>@</code>everyone")).isEqualTo("`@" + ZWSP + "`everyone");
  }

  @Test
  void escapesTextSplitAcrossNodesAsOneRun() {
    assertThat(md("<p><span>1</span>. not numbered</p>")).isEqualTo("1\\. not numbered");
    assertThat(md("<p>see https://docs.example/<span>a_b</span> now</p>"))
        .isEqualTo("see https://docs.example/a_b now");
  }

  @Test
  @DisplayName("markdown written in feed text shows as text: no masked link, no formatting")
  void escapesMarkdownInText() {
    assertThat(
            md("<p>[free nitro](http://evil.example) *not bold* __u__ ~~s~~ ||spoiler|| `c`</p>"))
        .isEqualTo(
            "\\[free nitro\\](http://evil.example) \\*not bold\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~"
                + " \\|\\|spoiler\\|\\| \\`c\\`");
  }

  @Test
  void escapesLinkTextSoItCannotNestALink() {
    assertThat(md("<a href=\"https://ok.example/\">[x](http://evil.example)</a>"))
        .isEqualTo("[\\[x\\](http://evil.example)](https://ok.example/)");
  }

  @Test
  void escapesBlockMarkersOnlyAtTheStartOfALine() {
    assertThat(
            md(
                "<p># not a heading</p><p>- not a list, well-known</p><p>&gt; not a quote</p><p>1."
                    + " not numbered</p>"))
        .isEqualTo(
            "\\# not a heading\n\n"
                + "\\- not a list, well-known\n\n"
                + "\\> not a quote\n\n"
                + "1\\. not numbered");
  }

  @Test
  @DisplayName("a tree nested 100,000 deep converts without a stack overflow, its text kept")
  void convertsATreeDeeperThanTheStackWouldAllow() {
    // built from the bottom up: jsoup's own parser would stop nesting at 512
    String[] tags = {"div", "b", "ul", "li", "blockquote", "i", "p", "span"};
    Element child = new Element("em").appendText("deep text");
    child.appendElement("script").appendText("dropped()");
    for (int depth = 100_000; depth > 0; depth--) {
      child = new Element(tags[depth % tags.length]).appendChild(child);
    }
    Element body = Jsoup.parseBodyFragment("<p>top</p>").body().appendChild(child);

    String md = converter.convert(body, BASE);

    assertThat(md).startsWith("top").contains("deep text").doesNotContain("dropped");
  }

  @Test
  @DisplayName("deeply nested lists indent four levels at most, so the markdown stays linear")
  void deeplyNestedListsIndentFourLevelsAtMost() {
    String html = "<ul><li>x".repeat(100_000);

    String md = md(html);

    assertThat(md.lines().mapToInt(line -> line.length() - line.stripLeading().length()).max())
        .hasValue(6);
    assertThat(md.length()).isLessThan(html.length());
    assertThat(
            md(
                "<ul><li>1<ul><li>2<ul><li>3<ul><li>4<ul><li>5</li></ul></li></ul></li></ul></li></ul></li></ul>"))
        .isEqualTo("- 1\n  - 2\n    - 3\n      - 4\n      - 5");
  }

  @Test
  void emptyOrBlankHtmlGivesAnEmptyString() {
    assertThat(md("")).isEmpty();
    assertThat(md("  <p> </p> <script>x</script>")).isEmpty();
  }

  @Test
  void tidyingIsWhatTheRegexesDid() {
    Random random = new Random(7);
    String alphabet = "  \t\t\n\n\n\ra*é\u2003";
    for (int n = 0; n < 5_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(24); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String raw = text.toString();
      assertThat(HtmlToMarkdown.tidy(raw))
          .as("[%s]", raw)
          .isEqualTo(raw.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip());
    }
  }
}
