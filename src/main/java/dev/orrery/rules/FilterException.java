package dev.orrery.rules;

/**
 * A filter expression that cannot be used; the message says what is wrong and where, ready to show
 * to whoever wrote the expression.
 */
public final class FilterException extends Exception {
  private final int position;

  FilterException(String message, int position) {
    super(message);
    this.position = position;
  }

  /** A refusal about what starts at {@code index} (a char index) of {@code text}. */
  static FilterException at(String text, int index, String what) {
    int position = position(text, index);
    return new FilterException(what + " at " + position, position);
  }

  /** A refusal about what starts at {@code index}, followed by a detail. */
  static FilterException at(String text, int index, String what, String detail) {
    int position = position(text, index);
    return new FilterException(what + " at " + position + ": " + detail, position);
  }

  /** The 1-based character (code point) position of the char at {@code index}. */
  static int position(String text, int index) {
    return text.codePointCount(0, index) + 1;
  }

  /**
   * Where the problem is: the 1-based position of the character in the expression, counted from its
   * first non-blank character; 0 for a blank expression, and the first character past the limit for
   * one too long.
   */
  public int position() {
    return position;
  }
}
