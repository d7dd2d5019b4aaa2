package dev.orrery.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way an expression is refused, word for word, with the position it points at. */
class FilterRefusalTest {
  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("", 0, "empty expression"),
        refusal(" \t\u00a0", 0, "empty expression"),
        refusal("python web \"django", 12, "unclosed quote at 12"),
        refusal("\"\"", 1, "empty phrase at 1"),
        refusal("django \"  \"", 8, "empty phrase at 8"),
        refusal("auther:\"Adam Johnson\"", 1, "unknown field 'auther': did you mean author?"),
        refusal("django titel:orm", 8, "unknown field 'titel': did you mean title?"),
        refusal("Categories:web", 1, "unknown field 'Categories': did you mean category?"),
        refusal(
            "https://example.com",
            1,
            "unknown field 'https': the fields are title, summary, author, category and link;"
                + " put a word with a colon in quotes"),
        refusal(
            "title: django",
            1,
            "title: needs a word, a \"phrase\" or a /regular expression/ right after it at 1"),
        refusal(
            "a -link:(b)",
            4,
            "link: needs a word, a \"phrase\" or a /regular expression/ right after it at 4"),
        refusal("a b (c d", 5, "unclosed parenthesis at 5"),
        refusal("(", 1, "unclosed parenthesis at 1"),
        refusal("(a (b c) d", 1, "unclosed parenthesis at 1"),
        refusal("django b) c", 9, "unexpected ')' at 9"),
        refusal(")", 1, "unexpected ')' at 1"),
        refusal("a ()", 3, "empty parentheses at 3"),
        refusal("flask OR", 7, "OR needs a term on both sides at 7"),
        refusal("OR flask", 1, "OR needs a term on both sides at 1"),
        refusal("a OR OR b", 3, "OR needs a term on both sides at 3"),
        refusal("(a OR) b", 4, "OR needs a term on both sides at 4"),
        refusal("django AND", 8, "AND needs a term on both sides at 8"),
        refusal("AND django", 1, "AND needs a term on both sides at 1"),
        refusal("django NOT", 8, "NOT needs a term after it at 8"),
        refusal("NOT OR django", 1, "NOT needs a term after it at 1"),
        refusal("django - flask", 8, "'-' needs a term right after it at 8"),
        refusal("django -", 8, "'-' needs a term right after it at 8"),
        refusal("(a -)", 4, "'-' needs a term right after it at 4"),
        refusal("a -OR b", 3, "'-' needs a term right after it at 3"),
        refusal(
            "(".repeat(51) + "a" + ")".repeat(51),
            51,
            "parentheses are nested more than 50 deep at 51"),
        refusal("a /[x/", 3, "invalid regular expression at 3: missing closing ]"),
        refusal("title:/(a/", 7, "invalid regular expression at 7: missing closing )"),
        refusal("/a)/", 1, "invalid regular expression at 1: unexpected )"),
        refusal(
            "/a**/", 1, "invalid regular expression at 1: invalid nested repetition operator '**'"),
        refusal(
            "/*a/",
            1,
            "invalid regular expression at 1: missing argument to repetition operator '*'"),
        refusal("/\\8/", 1, "invalid regular expression at 1: invalid escape sequence '\\8'"),
        refusal("/x{2,1}/", 1, "invalid regular expression at 1: invalid repeat count '{2,1}'"),
        refusal("/x{1001}/", 1, "invalid regular expression at 1: invalid repeat count '{1001}'"),
        refusal(
            "/[z-a]/", 1, "invalid regular expression at 1: invalid character class range 'z-a'"),
        refusal(
            "/(?z)/",
            1,
            "invalid regular expression at 1: invalid or unsupported Perl syntax '(?z'"),
        refusal(
            "/a\\/", 1, "unclosed regular expression at 1: end it with / (write \\/ for a slash)"),
        refusal("a //", 3, "empty regular expression at 3"),
        refusal(
            "/(a{1000}){1000}/",
            1,
            "invalid regular expression at 1: its repetitions make it too large to run;"
                + " use smaller counts in {}"),
        refusal(
            "/" + "(".repeat(51) + "a" + ")".repeat(51) + "/",
            1,
            "invalid regular expression at 1: its parentheses are nested more than 50 deep"),
        // positions count characters, not UTF-16 units, from the first non-blank one
        refusal("  é \"x", 3, "unclosed quote at 3"),
        refusal("\uD83D\uDE00 \"x", 3, "unclosed quote at 3"),
        refusal("x".repeat(612), 501, "the expression is 612 characters long; the limit is 500"),
        refusal("é".repeat(501), 501, "the expression is 501 characters long; the limit is 500"));
  }

  static Arguments refusal(String expression, int position, String message) {
    return Arguments.of(expression, position, message);
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("refusals")
  void refusesWithWhatAndWhere(String expression, int position, String message) {
    FilterException refusal =
        catchThrowableOfType(FilterException.class, () -> Filter.parse(expression));

    assertThat(refusal).as(expression).isNotNull();
    assertThat(refusal.getMessage()).isEqualTo(message);
    assertThat(refusal.position()).isEqualTo(position);
  }

  @Test
  void aNullExpressionIsAnEmptyOne() {
    FilterException refusal = catchThrowableOfType(FilterException.class, () -> Filter.parse(null));

    assertThat(refusal).hasMessage("empty expression");
  }

  @Test
  void aLowerCaseOrIsAWordNotAKeyword() throws Exception {
    assertThat(Filter.parse("or").test(new FilterInput("this or that", "", "", null, ""))).isTrue();
    assertThat(Filter.parse("flask or").test(new FilterInput("flask", "", "", null, ""))).isFalse();
  }
}
