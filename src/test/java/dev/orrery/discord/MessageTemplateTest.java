package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.markdown.DiscordMarkdown;
import dev.orrery.store.Entry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {
  static final String KNOWN =
      "Known: title, link, author, summary, feed, published, categories, image";

  static Entry entry(String title, String url, String author, String summary, List<String> tags) {
    return new Entry(
        1,
        1,
        "key",
        title,
        url,
        author,
        summary,
        "https://example.org/picture.png",
        Instant.parse("2026-05-04T10:00:00Z"),
        Instant.parse("2026-05-04T10:05:00Z"),
        tags);
  }

  static final TemplateValues POST =
      TemplateValues.of(
          entry(
              "Hello *world*",
              "https://example.org/post",
              "Ada",
              "A **bold** summary",
              List.of("python", "web")),
          "Planet Python");

  static final TemplateValues BARE =
      TemplateValues.of(entry("Bare", "https://example.org/bare", null, "", List.of()), "Blog");

  static String render(String template, TemplateValues values) throws TemplateException {
    return MessageTemplate.compile(template).render(values, 2000);
  }

  static String refusal(String template) {
    try {
      MessageTemplate.compile(template);
    } catch (TemplateException e) {
      assertThat(e.getMessage()).doesNotContain("Mustache", "Exception", "samskivert");
      return e.getMessage();
    }
    throw new AssertionError("the template was accepted: " + template);
  }

  @Test
  void everyPlaceholderShowsItsValue() throws TemplateException {
    assertThat(
            render(
                "{{title}}|{{link}}|{{author}}|{{summary}}|{{feed}}|{{published}}|{{categories}}"
                    + "|{{image}}",
                POST))
        .isEqualTo(
            "Hello \\*world\\*|https://example.org/post|Ada|A **bold** summary|Planet Python"
                + "|<t:1777888800:f>|python, web|https://example.org/picture.png");
  }

  @Test
  void aSectionShowsOnlyWhenItsValueIsThere() throws TemplateException {
    String template = "{{title}}{{#author}} by {{author}}{{/author}}";
    assertThat(render(template, POST)).isEqualTo("Hello \\*world\\* by Ada");
    assertThat(render(template, BARE)).isEqualTo("Bare");
  }

  @Test
  void anInvertedSectionShowsOnlyWhenItsValueIsMissing() throws TemplateException {
    String template =
        "{{title}}{{^author}} (no author){{/author}}{{^summary}}, no summary{{/summary}}";
    assertThat(render(template, POST)).isEqualTo("Hello \\*world\\*");
    assertThat(render(template, BARE)).isEqualTo("Bare (no author), no summary");
  }

  @Test
  void categoriesAreCommaSeparatedOrIteratedOneByOne() throws TemplateException {
    String template =
        "{{categories}} / {{#categories}}[{{.}}] {{/categories}}/{{^categories}} none{{/categories}}";
    assertThat(render(template, POST)).isEqualTo("python, web / [python] [web] /");
    assertThat(render(template, BARE)).isEqualTo("/ / none");
  }

  @Test
  void categoriesNestedInCategoriesRepeatNothing() throws TemplateException {
    // nested, each level would repeat every category for each one: 50 categories 10 deep never end
    String template =
        "{{#categories}}[{{.}}{{#categories}}<{{.}}{{#categories}}!{{/categories}}>{{/categories}}]"
            + "{{/categories}}";
    assertThat(render(template, POST)).isEqualTo("[python][web]");
  }

  @Test
  void feedTextIsEscapedSoItCannotFormatLinkOrMention() throws TemplateException {
    String hostile = "<@&123> @here @everyone **bold** [link](https://evil.example) <#42>";
    TemplateValues values =
        TemplateValues.of(
            entry(hostile, "https://example.org/p", hostile, "", List.of(hostile, "_x_")), hostile);
    String rendered = render("{{title}}\n{{author}}\n{{feed}}\n{{categories}}", values);
    String escaped = DiscordMarkdown.escape(hostile);
    assertThat(rendered)
        .isEqualTo(escaped + "\n" + escaped + "\n" + escaped + "\n" + escaped + ", \\_x\\_");
    assertThat(rendered)
        .doesNotContain("<@&123>", "@here", "@everyone", "**", "[link]", "<#42>")
        .contains("\\*\\*bold\\*\\*", "\\[link\\]");
  }

  @Test
  void nothingIsHtmlEscaped() throws TemplateException {
    TemplateValues values =
        TemplateValues.of(entry("Tom & \"Jerry\" 'x' = y", null, null, "a & b", List.of()), "F");
    assertThat(render("{{title}} {{summary}}", values)).isEqualTo("Tom & \"Jerry\" 'x' = y a & b");
  }

  @Test
  void theSummaryIsTheDiscordMarkdownItAlreadyIs() throws TemplateException {
    String summary = "**Bold** and [a link](<https://example.org/a>)\n> quoted";
    TemplateValues values =
        TemplateValues.of(entry("t", "https://example.org/", null, summary, List.of()), "F");
    assertThat(render("{{summary}}", values)).isEqualTo(summary);
  }

  @Test
  void aLinkDiscordWouldNotTakeIsEmpty() throws TemplateException {
    String template = "{{link}}{{^link}}no link{{/link}}";
    for (String url :
        List.of(
            "javascript:alert(1)",
            "ftp://example.org/x",
            "https://example.org/" + "a".repeat(2000))) {
      TemplateValues values = TemplateValues.of(entry("t", url, null, "", List.of()), "F");
      assertThat(render(template, values)).isEqualTo("no link");
    }
  }

  @Test
  void anUnknownPlaceholderIsRefusedWithTheNameItProbablyMeantAndTheKnownOnes() {
    assertThat(refusal("{{titel}}"))
        .isEqualTo("unknown placeholder {{titel}} at line 1: did you mean {{title}}? " + KNOWN);
    assertThat(refusal("New post\n\n{{{Link}}}"))
        .isEqualTo("unknown placeholder {{Link}} at line 3: did you mean {{link}}? " + KNOWN);
    assertThat(refusal("{{title}} {{zzzzzzzzzzzz}}"))
        .isEqualTo("unknown placeholder {{zzzzzzzzzzzz}} at line 1. " + KNOWN);
    assertThat(refusal("{{title.length}}")).startsWith("unknown placeholder {{title.length}}");
  }

  @Test
  void anUnknownSectionIsRefusedToo() {
    assertThat(refusal("{{title}}\n{{#autor}} by {{author}}{{/autor}}"))
        .isEqualTo("unknown section {{#autor}} at line 2: did you mean {{#author}}? " + KNOWN);
    assertThat(refusal("{{^categorys}}none{{/categorys}}"))
        .isEqualTo(
            "unknown section {{^categorys}} at line 1: did you mean {{^categories}}? " + KNOWN);
    assertThat(refusal("{{#categories}}{{nam}}{{/categories}}"))
        .startsWith("unknown placeholder {{nam}} at line 1");
  }

  @Test
  void syntaxErrorsAreRefusedWithASentenceNamingTheLine() {
    assertThat(refusal("{{title}}\n{{#author}}by {{author}}"))
        .isEqualTo("the section {{#author}} at line 2 is never closed: end it with {{/author}}");
    assertThat(refusal("{{^author}}anonymous"))
        .isEqualTo("the section {{^author}} at line 1 is never closed: end it with {{/author}}");
    assertThat(refusal("{{#author}}\nby {{author}}\n{{/title}}"))
        .isEqualTo(
            "{{/title}} at line 3 does not match the section still open there, author: close"
                + " that one first with {{/author}}");
    assertThat(refusal("{{title}}{{/author}}"))
        .isEqualTo(
            "{{/author}} at line 1 closes a section that was never opened: remove it, or open"
                + " the section with {{#author}} before it");
    assertThat(refusal("New:\n{{title"))
        .isEqualTo("{{ at line 2 opens a tag that is never closed: end it with }}");
    assertThat(refusal("{{{title}}"))
        .isEqualTo(
            "a tag at line 1 opens with {{{ but does not end with }}}: write {{title}} or"
                + " {{{title}}}");
    assertThat(refusal("{{ }}"))
        .isEqualTo(
            "the template cannot be read: each {{ needs a placeholder's name and a closing }},"
                + " like {{title}}");
    assertThat(refusal("{{&}}"))
        .isEqualTo("an empty tag {{}} at line 1: put a placeholder's name in it. " + KNOWN);
    assertThat(refusal("{{> footer}}"))
        .isEqualTo(
            "{{>footer}} at line 1 refers to another template, which a message template cannot"
                + " do: use placeholders and sections only");
  }

  @Test
  void otherDelimitersWork() throws TemplateException {
    assertThat(render("{{=<% %>=}}{{literal}} <% title %>", POST))
        .isEqualTo("{{literal}} Hello \\*world\\*");
  }

  @Test
  void aTemplateIsAtMost2000Characters() throws TemplateException {
    assertThat(render("x".repeat(2000), POST)).hasSize(2000);
    assertThat(refusal("x".repeat(2001)))
        .isEqualTo(
            "the template is 2,001 characters long; a template is at most 2,000: shorten it");
  }

  @Test
  void aBlankTemplateRendersNothing() throws TemplateException {
    assertThat(render(" \n ", POST)).isEmpty();
    assertThat(render("{{#author}}by {{author}}{{/author}}", BARE)).isEmpty();
  }

  @Test
  void aLongTextIsCutAtTheLastSpaceThatFitsAndEndsWithAnEllipsis() throws TemplateException {
    TemplateValues values =
        TemplateValues.of(
            entry(
                "t",
                null,
                null,
                "The quick brown fox jumps over the lazy dog again and again",
                List.of()),
            "F");
    assertThat(MessageTemplate.compile("{{summary}}").render(values, 30))
        .isEqualTo("The quick brown fox jumps…");
    TemplateValues lines =
        TemplateValues.of(entry("t", null, null, "first line\nsecond", List.of()), "F");
    assertThat(MessageTemplate.compile("{{summary}}").render(lines, 15)).isEqualTo("first line…");
  }

  @Test
  void hugeValuesStillRenderWithinTheLimit() throws TemplateException {
    TemplateValues words =
        TemplateValues.of(entry("t", null, null, "word ".repeat(2_000), List.of()), "F");
    String rendered = render("{{summary}}", words);
    assertThat(rendered).hasSizeLessThanOrEqualTo(2000).endsWith("word…");
    TemplateValues oneWord =
        TemplateValues.of(
            entry("x".repeat(10_000), null, null, "y".repeat(100_000), List.of()), "F");
    assertThat(render("{{title}}{{summary}}{{summary}}", oneWord))
        .hasSize(2000)
        .startsWith("xxx")
        .endsWith("…");
  }
}
