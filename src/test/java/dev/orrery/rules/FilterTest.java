package dev.orrery.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What filter expressions let through, against a handful of entries. */
class FilterTest {
  static final Map<String, FilterInput> ENTRIES =
      Map.of(
          "django",
          new FilterInput(
              "Django 5.0 released",
              "The Django team is happy to announce a new version.",
              "Adam Johnson",
              List.of("python", "web frameworks"),
              "https://www.djangoproject.com/weblog/2023/dec/04/django-50-released/"),
          "naut",
          new FilterInput(
              "Meet the djangonauts",
              "A mentoring programme for new contributors.",
              "Sarah Boyce",
              List.of("community"),
              "https://djangonaut.space/"),
          "flask",
          new FilterInput(
              "Flask 3.0",
              "Pallets ships Flask\u00a0and\n Werkzeug.",
              "David Lord",
              List.of("Python"),
              "http://palletsprojects.com/blog/flask-3-0"),
          "cafe",
          new FilterInput("Café au lait and C++", "Cafés of the world", null, null, null),
          "empty",
          new FilterInput(null, null, null, null, null));

  static Stream<Arguments> table() {
    return Stream.of(
        // words: whole words, any case
        row("django", "django"),
        row("DJANGO", "django"),
        row("djangonauts", "naut"),
        row("djang"),
        row("café", "cafe"),
        row("CAFÉ", "cafe"),
        row("cafés", "cafe"),
        row("caf"),
        row("c++", "cafe"),
        // without a field: title, summary and categories, not author or link
        row("announce", "django"),
        row("frameworks", "django"),
        row("adam"),
        row("djangoproject"),
        // terms side by side, OR, AND, keywords in upper case only
        row("django released", "django"),
        row("django AND released", "django"),
        row("django flask"),
        row("django OR flask", "django", "flask"),
        row("django or flask"),
        row("django released OR flask", "django", "flask"),
        row("flask released OR django", "django"),
        row("django (released OR flask)", "django"),
        // negation
        row("python -django", "flask"),
        row("python NOT django", "flask"),
        row("-python", "naut", "cafe", "empty"),
        row("NOT NOT django", "django"),
        row("--django", "django"),
        row("-(django OR flask)", "naut", "cafe", "empty"),
        row("NOT (python OR community)", "cafe", "empty"),
        // nested parentheses
        row("(django OR flask) (released OR werkzeug)", "django", "flask"),
        row("((django OR (flask -werkzeug)))", "django"),
        row("(((community)) OR ((c++ lait)))", "naut", "cafe"),
        // phrases: words in sequence, any blanks between them
        row("\"django team\"", "django"),
        row("\"team django\""),
        row("\"flask and werkzeug\"", "flask"),
        row("\"AU   LAIT\"", "cafe"),
        row("\"web frameworks\"", "django"),
        // fields
        row("title:django", "django"),
        row("title:announce"),
        row("summary:django", "django"),
        row("summary:\"new version\"", "django"),
        row("author:adam", "django"),
        row("author:\"adam johnson\"", "django"),
        row("author:\"johnson adam\""),
        row("category:python", "django", "flask"),
        row("category:web", "django"),
        row("category:\"web frameworks\"", "django"),
        row("category:django"),
        row("link:djangoproject.com", "django"),
        row("link:space", "naut"),
        row("Title:django", "django"),
        // regular expressions: anywhere, any case, RE2 syntax
        row("/django/", "django", "naut"),
        row("/DJANGO\\s+5/", "django"),
        row("/\\d\\.\\d/", "django", "flask"),
        row("title:/^django \\d/", "django"),
        row("title:/release \\d/"),
        row("link:/^http:/", "flask"),
        row("link:/djangoproject\\.com\\/weblog/", "django"),
        row("link:/\\/$/", "django", "naut"),
        row("-/e/", "empty"),
        row("author:/^(adam|david) /", "django", "flask"));
  }

  static Arguments row(String expression, String... passing) {
    return Arguments.of(expression, Arrays.asList(passing));
  }

  @ParameterizedTest(name = "{0} lets through {1}")
  @MethodSource("table")
  void letsThroughTheEntriesItMatches(String expression, List<String> passing) throws Exception {
    Filter filter = Filter.parse(expression);

    for (Map.Entry<String, FilterInput> entry : ENTRIES.entrySet()) {
      assertThat(filter.test(entry.getValue()))
          .as("%s on the %s entry", expression, entry.getKey())
          .isEqualTo(passing.contains(entry.getKey()));
    }
  }

  @Test
  void theExampleReadsAsTitleAndNotTitleRegexOrAuthor() throws Exception {
    Filter filter = Filter.parse("title:django -title:/release \\d/ OR author:\"Adam Johnson\"");

    assertThat(filter.test(entry("Django 5.0 released", "Carlton Gibson"))).isTrue();
    assertThat(filter.test(entry("Django release 5.1 notes", "Carlton Gibson"))).isFalse();
    assertThat(filter.test(entry("Django release 5.1 notes", "Adam Johnson"))).isTrue();
    assertThat(filter.test(entry("Flask tips", "adam johnson"))).isTrue();
    assertThat(filter.test(entry("Flask tips", "Carlton Gibson"))).isFalse();
    assertThat(filter.test(entry("Djangonaut week", "Carlton Gibson"))).isFalse();
  }

  @Test
  void explainGivesTheReasonOnlyForAnEntryItStops() throws Exception {
    Filter filter = Filter.parse("title:django -title:/release \\d/");

    assertThat(filter.explain(entry("Django release 5.1", "someone")))
        .contains("stopped by the filter title:django -title:/release \\d/");
    assertThat(filter.explain(entry("Django 5.1 is out", "someone"))).isEmpty();
  }

  @Test
  void theReasonIsCutTo200Characters() throws Exception {
    Filter filter = Filter.parse("nothing " + "é".repeat(300));

    String reason = filter.explain(entry("something", "someone")).orElseThrow();

    assertThat(reason.codePointCount(0, reason.length())).isEqualTo(200);
    assertThat(reason).startsWith("stopped by the filter nothing é").endsWith("é…");
  }

  @Test
  void theExpressionIsKeptAsGivenWithoutSurroundingBlanks() throws Exception {
    assertThat(Filter.parse(" \u00a0 django  OR flask\n").expression())
        .isEqualTo("django  OR flask");
  }

  @Test
  void missingPartsOfAnEntryReadAsEmpty() throws Exception {
    FilterInput entry = new FilterInput(null, null, null, Arrays.asList("python", null), null);

    assertThat(entry.title()).isEmpty();
    assertThat(entry.categories()).containsExactly("python");
    assertThat(Filter.parse("python").test(entry)).isTrue();
    assertThat(Filter.parse("-title:/./ -author:/./ -link:/./").test(entry)).isTrue();
  }

  @Test
  void anExpressionOf500CharactersIsAccepted() throws Exception {
    assertThat(Filter.parse("x".repeat(500)).test(entry("x".repeat(500), "someone"))).isTrue();
    // Characters, not UTF-16 units: 300 emoji are 600 chars.
    assertThat(Filter.parse("\uD83D\uDE00".repeat(300)).expression()).hasSize(600);
  }

  @Test
  void parenthesesNest50Deep() throws Exception {
    Filter filter = Filter.parse("(".repeat(50) + "django" + ")".repeat(50));

    assertThat(filter.test(entry("Django", "someone"))).isTrue();
  }

  static FilterInput entry(String title, String author) {
    return new FilterInput(title, "", author, List.of(), "https://example.com/");
  }
}
