package dev.orrery.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter expression into parentheses, keywords and terms, refusing what cannot be read.
 */
final class FilterLexer {
  enum Kind {
    OPEN,
    CLOSE,
    OR,
    AND,
    /** {@code NOT} or a leading {@code -}; the token's text tells which. */
    NOT,
    WORD,
    PHRASE,
    REGEX
  }

  /**
   * One token: {@code index} is the char index where it starts in the expression (for a phrase or a
   * regular expression, its opening quote or slash); {@code text} is a term's content.
   */
  record Token(Kind kind, String text, Field field, int index) {}

  private final String text;
  private int i;

  private FilterLexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) throws FilterException {
    return new FilterLexer(text).all();
  }

  private List<Token> all() throws FilterException {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      while (i < text.length() && isSpace(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      if (i >= text.length()) {
        return tokens;
      }
      int start = i;
      char c = text.charAt(i);
      if (c == '(') {
        tokens.add(new Token(Kind.OPEN, "(", null, i++));
      } else if (c == ')') {
        tokens.add(new Token(Kind.CLOSE, ")", null, i++));
      } else if (c == '-') {
        i++;
        if (endsTerm(i) && !text.startsWith("(", i)) {
          throw FilterException.at(text, start, "'-' needs a term right after it");
        }
        tokens.add(new Token(Kind.NOT, "-", null, start));
      } else {
        tokens.add(term());
      }
    }
  }

  /** A word, a phrase or a regular expression, with the field before it if any. */
  private Token term() throws FilterException {
    int start = i;
    int letters = i;
    while (letters < text.length() && isAsciiLetter(text.charAt(letters))) {
      letters++;
    }
    Field field = Field.ANY;
    if (letters > i && letters < text.length() && text.charAt(letters) == ':') {
      String name = text.substring(i, letters);
      field = Field.named(name);
      if (field == null) {
        throw new FilterException(Field.unknown(name), FilterException.position(text, start));
      }
      i = letters + 1;
      if (endsTerm(i)) {
        throw FilterException.at(
            text,
            start,
            name + ": needs a word, a \"phrase\" or a /regular expression/ right after it");
      }
    }
    return switch (text.charAt(i)) {
      case '"' -> phrase(field);
      case '/' -> regex(field);
      default -> word(field);
    };
  }

  private Token phrase(Field field) throws FilterException {
    int quote = i;
    int close = text.indexOf('"', quote + 1);
    if (close < 0) {
      throw FilterException.at(text, quote, "unclosed quote");
    }
    String phrase = text.substring(quote + 1, close);
    if (phrase.codePoints().allMatch(FilterLexer::isSpace)) {
      throw FilterException.at(text, quote, "empty phrase");
    }
    i = close + 1;
    return new Token(Kind.PHRASE, phrase, field, quote);
  }

  /** {@code /.../}, where {@code \/} is a slash of the expression and not its end. */
  private Token regex(Field field) throws FilterException {
    int slash = i;
    StringBuilder regex = new StringBuilder();
    int j = slash + 1;
    while (j < text.length() && text.charAt(j) != '/') {
      char c = text.charAt(j);
      if (c == '\\' && j + 1 < text.length()) {
        char escaped = text.charAt(j + 1);
        // Other escapes go to RE2/J untouched: "\\/" is a backslash, then the closing slash.
        regex.append(escaped == '/' ? "/" : "\\" + escaped);
        j += 2;
      } else {
        regex.append(c);
        j++;
      }
    }
    if (j >= text.length()) {
      throw FilterException.at(
          text, slash, "unclosed regular expression", "end it with / (write \\/ for a slash)");
    }
    if (regex.length() == 0) {
      throw FilterException.at(text, slash, "empty regular expression");
    }
    i = j + 1;
    return new Token(Kind.REGEX, regex.toString(), field, slash);
  }

  /** A run of characters up to a space, a parenthesis or a quote; OR, AND and NOT as keywords. */
  private Token word(Field field) {
    int start = i;
    while (i < text.length() && !endsWord(text.codePointAt(i))) {
      i += Character.charCount(text.codePointAt(i));
    }
    String word = text.substring(start, i);
    if (field == Field.ANY) {
      switch (word) {
        case "OR":
          return new Token(Kind.OR, word, null, start);
        case "AND":
          return new Token(Kind.AND, word, null, start);
        case "NOT":
          return new Token(Kind.NOT, word, null, start);
        default:
          break;
      }
    }
    return new Token(Kind.WORD, word, field, start);
  }

  private boolean endsTerm(int index) {
    return index >= text.length()
        || isSpace(text.codePointAt(index))
        || text.charAt(index) == '('
        || text.charAt(index) == ')';
  }

  private static boolean endsWord(int c) {
    return isSpace(c) || c == '(' || c == ')' || c == '"';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Blanks of any kind, no-break spaces included: they separate terms. */
  static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
