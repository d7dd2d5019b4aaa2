package dev.orrery.rules;

import java.util.Optional;

/**
 * A subscription's search expression, compiled once, that says which entries the subscription
 * wants: the way people search mail or issues.
 *
 * <ul>
 *   <li>{@code django python}: terms side by side must all match ({@code AND} between them may be
 *       written and changes nothing).
 *   <li>{@code django OR flask}: one of them; OR binds looser than terms side by side, so {@code a
 *       b OR c} is {@code (a b) OR c}.
 *   <li>{@code -beta} or {@code NOT beta}: the term must not match; parentheses group: {@code
 *       django (orm OR admin)}, {@code -(alpha OR beta)}. Keywords are upper case only: {@code or}
 *       is a word.
 *   <li>A word matches whole words, ignoring case: {@code django} matches "Django 5.0 released" but
 *       not "djangonaut". {@code "a phrase"} matches its words in order, any blanks between them.
 *   <li>{@code /regex/} matches anywhere, ignoring case; it runs on RE2/J, in time linear in the
 *       text (no backreferences or lookaround). {@code \/} is a slash inside it.
 *   <li>Without a field, a term is looked for in the title, the summary and the categories. {@code
 *       title:}, {@code summary:}, {@code author:}, {@code category:} (any of the entry's
 *       categories) or {@code link:} (the entry's address) before a word, phrase or regex looks in
 *       that field only: {@code title:django -title:/release \d/ OR author:"Adam Johnson"}.
 * </ul>
 *
 * <p>An expression is at most {@value #MAX_LENGTH} characters, nests parentheses at most 50 deep,
 * and is refused with a {@link FilterException} that says what is wrong and where.
 */
public final class Filter {
  public static final int MAX_LENGTH = 500;
  private static final int MAX_REASON = 200;

  private final String expression;
  private final Condition condition;

  private Filter(String expression, Condition condition) {
    this.expression = expression;
    this.condition = condition;
  }

  /**
   * Compiles {@code expression}; positions in a refusal count from its first non-blank character.
   *
   * @throws FilterException when the expression is blank, too long, or cannot be read
   */
  public static Filter parse(String expression) throws FilterException {
    String text = expression == null ? "" : trim(expression);
    if (text.isEmpty()) {
      throw new FilterException("empty expression", 0);
    }
    int length = text.codePointCount(0, text.length());
    if (length > MAX_LENGTH) {
      throw new FilterException(
          "the expression is " + length + " characters long; the limit is " + MAX_LENGTH,
          MAX_LENGTH + 1);
    }
    return new Filter(text, FilterParser.parse(text));
  }

  /** Whether the subscription wants {@code entry}. */
  public boolean test(FilterInput entry) {
    return condition.test(new EntryText(entry));
  }

  /**
   * Why the filter stops {@code entry} ("stopped by the filter ...", at most 200 characters), or
   * empty when the subscription wants it.
   */
  public Optional<String> explain(FilterInput entry) {
    return test(entry) ? Optional.empty() : Optional.of(cut("stopped by the filter " + expression));
  }

  /** The expression as given, without its surrounding blanks. */
  public String expression() {
    return expression;
  }

  @Override
  public String toString() {
    return expression;
  }

  /** Without the blanks around it, no-break spaces included. */
  private static String trim(String text) {
    int start = 0;
    while (start < text.length() && FilterLexer.isSpace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    int end = text.length();
    while (end > start && FilterLexer.isSpace(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  private static String cut(String reason) {
    if (reason.codePointCount(0, reason.length()) <= MAX_REASON) {
      return reason;
    }
    return reason.substring(0, reason.offsetByCodePoints(0, MAX_REASON - 1)) + "…";
  }
}
