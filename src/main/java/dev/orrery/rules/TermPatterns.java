package dev.orrery.rules;

import com.google.re2j.Pattern;
import dev.orrery.rules.FilterLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles each term of a filter once, to one RE2/J pattern that ignores case: a word or phrase
 * matches whole words only, a regular expression anywhere.
 */
final class TermPatterns {
  /** Letters, marks, digits and underscore of any script, so "café" ends where "café au" does. */
  private static final String WORD_CHARACTER = "\\p{L}\\p{M}\\p{N}_";

  // RE2/J has no lookaround and its \b knows ASCII only: a boundary is the text's edge or a
  // character that is not part of a word.
  private static final String WORD_STARTS = "(?:^|[^" + WORD_CHARACTER + "])";
  private static final String WORD_ENDS = "(?:[^" + WORD_CHARACTER + "]|$)";
  private static final String BLANKS = "[\\s\\p{Z}]+";

  private TermPatterns() {}

  static Pattern compile(String expression, Token term) throws FilterException {
    return switch (term.kind()) {
      case WORD -> words(List.of(term.text()));
      case PHRASE -> words(split(term.text()));
      case REGEX -> UserRegex.compile(term.text(), expression, term.index());
      default -> throw new IllegalArgumentException("not a term: " + term);
    };
  }

  /**
   * What a field must contain, in lower case, for the term to match there: a word, or a phrase's
   * first word; null for a regular expression. Lower case as Java's root locale makes it, which
   * agrees with the patterns' ignoring of case for every script feeds are written in.
   */
  static String literal(Token term) {
    return switch (term.kind()) {
      case WORD -> EntryText.lower(term.text());
      case PHRASE -> EntryText.lower(split(term.text()).get(0));
      default -> null;
    };
  }

  /** The words in sequence, any blanks between them; word boundaries where a word has them. */
  private static Pattern words(List<String> words) {
    StringBuilder regex = new StringBuilder();
    String first = words.get(0);
    String last = words.get(words.size() - 1);
    // "c++" has no word boundary after its "+": the boundary applies only where a word character
    // is.
    if (isWordCharacter(first.codePointAt(0))) {
      regex.append(WORD_STARTS);
    }
    for (int i = 0; i < words.size(); i++) {
      regex.append(i == 0 ? "" : BLANKS).append(Pattern.quote(words.get(i)));
    }
    if (isWordCharacter(last.codePointBefore(last.length()))) {
      regex.append(WORD_ENDS);
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  private static List<String> split(String phrase) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= phrase.length(); ) {
      boolean blank = i == phrase.length() || FilterLexer.isSpace(phrase.codePointAt(i));
      if (blank && start >= 0) {
        words.add(phrase.substring(start, i));
        start = -1;
      } else if (!blank && start < 0) {
        start = i;
      }
      i += i == phrase.length() ? 1 : Character.charCount(phrase.codePointAt(i));
    }
    return words;
  }

  private static boolean isWordCharacter(int c) {
    return c == '_'
        || Character.isLetterOrDigit(c)
        || switch (Character.getType(c)) {
          case Character.NON_SPACING_MARK,
              Character.ENCLOSING_MARK,
              Character.COMBINING_SPACING_MARK,
              Character.LETTER_NUMBER,
              Character.OTHER_NUMBER ->
              true;
          default -> false;
        };
  }
}
