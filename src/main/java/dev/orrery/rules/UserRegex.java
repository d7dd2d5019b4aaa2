package dev.orrery.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles the regular expression of a filter term with RE2/J, ignoring case; what RE2/J cannot
 * read, or what would cost a poll too much to build or run, is refused in a readable sentence.
 */
final class UserRegex {
  static final int MAX_DEPTH = 50;

  /**
   * About the instructions RE2/J may run for each character of a field: {@code \d{4}} costs 4 and
   * {@code [a-z]{1,1000}} 1,000, while {@code (.*){1000}} (3,000) takes a second on 100,000
   * characters and is refused.
   */
  static final long MAX_SIZE = 1_000;

  private UserRegex() {}

  /**
   * @param expression the filter expression, for the position in a refusal
   * @param index the char index of the regular expression's opening slash in {@code expression}
   */
  static Pattern compile(String regex, String expression, int index) throws FilterException {
    RegexCost cost = RegexCost.of(regex);
    if (cost.unmatchedClose()) {
      throw invalid(expression, index, "unexpected )");
    }
    if (cost.depth() > MAX_DEPTH) {
      throw invalid(
          expression, index, "its parentheses are nested more than " + MAX_DEPTH + " deep");
    }
    if (cost.size() > MAX_SIZE) {
      throw invalid(
          expression, index, "its repetitions make it too large to run; use smaller counts in {}");
    }
    try {
      return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw invalid(expression, index, readable(e));
    }
  }

  private static FilterException invalid(String expression, int index, String detail) {
    return FilterException.at(expression, index, "invalid regular expression", detail);
  }

  /**
   * RE2/J's description, with the piece it is about ({@code invalid escape sequence '\8'}); the
   * piece is left out where RE2/J gives the rest of the expression rather than the faulty part.
   */
  private static String readable(PatternSyntaxException e) {
    String description = e.getDescription() == null ? "" : e.getDescription();
    String piece = e.getPattern() == null ? "" : e.getPattern();
    if (description.isBlank() || description.contains("internal error")) {
      return "it cannot be read";
    }
    if (description.startsWith("missing closing") || piece.isEmpty()) {
      return description;
    }
    return description + " '" + piece + "'";
  }
}
