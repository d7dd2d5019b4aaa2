package dev.orrery.feed;

/**
 * Removes characters that hide or reorder text around them: C0 and C1 control characters (a
 * terminal escape, a bell), bidirectional embeddings, overrides and isolates, and zero-width
 * characters. Used for everything a feed says and for text echoed in replies.
 */
public final class InvisibleCharacters {
  private static final char ZERO_WIDTH_NON_JOINER = '\u200C';
  private static final char ZERO_WIDTH_JOINER = '\u200D';

  private InvisibleCharacters() {}

  /**
   * The text without them. Tab, line feed and carriage return stay: they are whitespace, which the
   * callers collapse or keep as lines. A zero-width joiner or non-joiner between two non-ASCII
   * characters stays too: it is part of an emoji sequence or of a word in Persian or Hindi.
   */
  public static String strip(String text) {
    if (text == null) {
      return null;
    }
    int first = 0;
    while (first < text.length() && !isInvisible(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isInvisible(c) || joinsWords(out, c, text, i)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isInvisible(char c) {
    if (c >= 0x20 && c < 0x7F) {
      return false; // printable ASCII, most of any text: one test instead of a dozen
    }
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        || (c >= 0x7F && c <= 0x9F) // DEL and the C1 controls (NEL, CSI…)
        || (c >= '\u202A' && c <= '\u202E') // bidi embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069') // bidi isolates
        || (c >= '\u200B' && c <= '\u200D') // zero-width space, non-joiner, joiner
        || (c >= '\u2060' && c <= '\u2064') // word joiner, invisible operators
        || (c >= '\u206A' && c <= '\u206F') // deprecated format characters
        || c == '\u180E' // Mongolian vowel separator, once a zero-width space
        || c == '\uFEFF'; // zero-width no-break space (a byte order mark)
  }

  private static boolean joinsWords(StringBuilder out, char c, String text, int i) {
    return (c == ZERO_WIDTH_JOINER || c == ZERO_WIDTH_NON_JOINER)
        && out.length() > 0
        && out.charAt(out.length() - 1) >= 0x80
        && i + 1 < text.length()
        && text.charAt(i + 1) >= 0x80
        && !isInvisible(text.charAt(i + 1));
  }
}
