package dev.orrery.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Random and hostile expressions: each either compiles to a filter that tests entries without
 * failing, or is refused with a readable sentence; nothing else escapes, not even a stack overflow.
 */
class FilterFuzzTest {
  private static final long SEED = 20_240_601L;

  /**
   * Syntax-heavy pieces (and a space), so random strings reach deep into the lexer, the parser and
   * RE2/J.
   */
  private static final String[] PIECES =
      Stream.concat(
              Stream.of(" "),
              Arrays.stream(
                  ("( ) \" / : - \\ O R N T OR NOT AND a b x é 漢 \uD83D\uDE00 \u00a0 \u0301 \uD800"
                          + " title: author: link: category: summary: tilte: \\/ [ ] {2} {1000} {2,}"
                          + " {,3} * + ? | \\Q \\E (?i) (?P<n> \\p{ \\pL [:alpha:] ^ $ . \\d \\b")
                      .split(" ")))
          .toArray(String[]::new);

  private static final String[] VALID = {
    "title:django -title:/release \\d/ OR author:\"Adam Johnson\"",
    "(django OR flask) -\"release candidate\"",
    "category:python NOT (link:/\\/tag\\// OR summary:sponsored)",
    "/^\\[(?:ann|rfc)\\]\\s+\\w+/ AND -beta",
  };

  private static final List<FilterInput> SMALL_ENTRIES =
      List.of(
          new FilterInput("Django 5.0 released", "aaa", "Adam Johnson", List.of("python"), "x"),
          new FilterInput("[ANN] é 漢 \uD83D\uDE00", "a\u00a0b\nc", null, null, "http://a/b/"),
          new FilterInput(null, null, null, null, null));

  private static final String AAAA = "a".repeat(100_000) + "!";
  private static final FilterInput HUGE_ENTRY =
      new FilterInput(AAAA, AAAA, AAAA, List.of(AAAA), "https://example.com/" + AAAA);

  private int compiled;
  private int refused;

  @Test
  void randomStringsCompileOrAreRefusedReadably() {
    Random random = new Random(SEED);
    for (int n = 0; n < 6_000; n++) {
      StringBuilder expression = new StringBuilder();
      int pieces = random.nextInt(40);
      for (int p = 0; p < pieces; p++) {
        expression.append(PIECES[random.nextInt(PIECES.length)]);
      }
      check(expression.toString(), SMALL_ENTRIES);
    }

    assertThat(compiled).as("compiled").isGreaterThan(300);
    assertThat(refused).as("refused").isGreaterThan(300);
  }

  @Test
  void validExpressionsWithRandomEditsCompileOrAreRefusedReadably() {
    Random random = new Random(SEED);
    for (int n = 0; n < 4_000; n++) {
      StringBuilder expression = new StringBuilder(VALID[random.nextInt(VALID.length)]);
      for (int edits = 1 + random.nextInt(4); edits > 0 && expression.length() > 0; edits--) {
        int at = random.nextInt(expression.length());
        switch (random.nextInt(3)) {
          case 0 -> expression.deleteCharAt(at);
          case 1 -> expression.insert(at, PIECES[random.nextInt(PIECES.length)]);
          default -> expression.setCharAt(at, PIECES[random.nextInt(PIECES.length)].charAt(0));
        }
      }
      check(expression.toString(), SMALL_ENTRIES);
    }

    assertThat(compiled).as("compiled").isGreaterThan(300);
    assertThat(refused).as("refused").isGreaterThan(300);
  }

  @Test
  void hostileExpressionsNeverHangOrCrash() {
    List<FilterInput> entries = new ArrayList<>(SMALL_ENTRIES);
    entries.add(HUGE_ENTRY);
    for (String expression : hostile()) {
      check(expression, entries);
    }

    assertThat(compiled).as("compiled").isGreaterThan(20);
    assertThat(refused).as("refused").isGreaterThan(20);
  }

  @Test
  void aCatastrophicBacktrackingPatternRunsOnAHugeEntry() throws Exception {
    Filter filter = Filter.parse("/(a+)+$/");

    assertThat(filter.test(HUGE_ENTRY)).isFalse();
    assertThat(Filter.parse("/(a+)+!$/").test(HUGE_ENTRY)).isTrue();
  }

  private static List<String> hostile() {
    List<String> hostile = new ArrayList<>();
    hostile.add("(".repeat(10_000));
    hostile.add("(".repeat(10_000) + "a" + ")".repeat(10_000));
    hostile.add("(".repeat(499));
    hostile.add("(".repeat(249) + "a" + ")".repeat(249));
    hostile.add("(".repeat(50) + "a" + ")".repeat(50));
    hostile.add(")".repeat(500));
    hostile.add("NOT ".repeat(124) + "a");
    hostile.add("-".repeat(499) + "a");
    hostile.add("a OR ".repeat(99) + "a");
    hostile.add("x".repeat(500));
    hostile.add("x".repeat(501));
    hostile.add("/" + "(".repeat(200) + "a" + ")".repeat(200) + "/");
    hostile.add("/" + "(?:".repeat(120) + "a" + ")".repeat(120) + "/");
    hostile.add("/" + "(".repeat(49) + "a" + ")".repeat(49) + "/");
    hostile.add("/" + "[".repeat(400) + "/");
    hostile.add("/" + "a{1000}".repeat(60) + "/");
    hostile.add("\"" + "a ".repeat(240) + "\"");
    for (String regex :
        List.of(
            "(a+)+$",
            "(a|a)*$",
            "(a*)*b",
            "(.*a){20}",
            "^(a+)+$",
            "(a|aa)+$",
            "(x+x+)+y",
            "a{1000}",
            "(a{1000}){1000}",
            "((a{1000}){1000}){1000}",
            "(((a{10}){10}){10}){10}",
            "(?:a?){1000}a{1000}",
            "[[:alpha:]]{1000}",
            "\\p{L}{1000}",
            "[^b]{1000}",
            "(\\w+\\s?)*$",
            "(.*){1000}",
            "((((((((((a*)*)*)*)*)*)*)*)*)*)*$",
            "a{1000,}",
            "(a{1,1000}){1,1000}",
            "\\Q(((\\E{1000}",
            "[]a]{1000}",
            "[^]a]{5}",
            "[a-/",
            "a{,5}",
            "a{2}{3}",
            "a{1001}",
            "x{99999999999999999999}",
            "(?P<n>a)(?P<n>b)",
            "(?P<>a)",
            "\\pZ\\p{Greek}",
            "\\x{110000}",
            "\\x{D800}",
            "[\uD800]",
            "\u0000",
            "\uDC00",
            "(?i)(?-i)A",
            "a)",
            "())",
            "((",
            "\\",
            "\\\\",
            "$^",
            "\\b\\B",
            "\\C",
            "(?U)a+?",
            "(?s).",
            "[[:foo:]]",
            "\\z",
            "\\A$")) {
      hostile.add("/" + regex + "/");
      hostile.add("-title:/" + regex + "/ OR link:/" + regex + "/");
    }
    hostile.addAll(
        List.of(
            "\"unbalanced",
            "\"",
            "\"\"\"",
            "-",
            "- -",
            "--",
            "NOT",
            "NOT NOT",
            "NOT NOT NOT a",
            "a OR",
            "OR",
            "OR OR",
            "a OR OR b",
            "AND",
            "AND AND",
            "title:",
            "title:\"",
            "title:/",
            ":",
            "::",
            "a:b",
            "title::",
            "-title:",
            "\\",
            "\\/",
            "/\\/",
            "/a\\/",
            "/\\\\/",
            "(a",
            "a)",
            "()",
            "(())",
            "( )",
            "-(",
            "NOT (",
            "-()",
            "a -(b",
            "a b c d e f (g OR (h -i))",
            "\uD800",
            "\uDC00abc",
            "title:\uD800",
            "\u00a0\u00a0",
            "\u0000",
            "x:y:z",
            "titlé:x",
            "title:title:x",
            "link:\"\"",
            "author:/ /",
            "/ /",
            "\"\u00a0\"",
            "- a",
            "a -",
            "((a) OR (b)) -(c OR (d e))"));
    return hostile;
  }

  private void check(String expression, List<FilterInput> entries) {
    Filter filter;
    try {
      filter = Filter.parse(expression);
    } catch (FilterException refusal) {
      assertThat(refusal.getMessage())
          .as("refusal of %s", shown(expression))
          .isNotBlank()
          .doesNotContain("Exception")
          .doesNotContain("com.google")
          .doesNotContain("regexp")
          .doesNotContain("internal error");
      assertThat(refusal.position()).isBetween(0, Filter.MAX_LENGTH + 1);
      refused++;
      return;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError("parsing " + shown(expression) + " threw " + e, e);
    }
    try {
      for (FilterInput entry : entries) {
        assertThat(filter.explain(entry).isEmpty()).isEqualTo(filter.test(entry));
      }
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError("testing " + shown(expression) + " threw " + e, e);
    }
    compiled++;
  }

  private static String shown(String expression) {
    return expression.length() > 80 ? expression.substring(0, 80) + "..." : expression;
  }
}
