package dev.orrery.feed;

import java.util.Locale;

/**
 * Looks at what comes before a document's root element: tells an HTML page from a feed, and removes
 * a plain DOCTYPE (one without an internal subset, like RSS 0.91's Netscape DTD) so the parser,
 * which refuses every DOCTYPE, can read old feeds. A DOCTYPE with an internal subset is kept, to be
 * refused. Finds where the root element's name ends, to declare namespaces there.
 */
final class Prolog {
  private Prolog() {}

  /** True when the text is an HTML page rather than XML. */
  static boolean isHtml(String text) {
    int i = skipMisc(text, 0);
    String rest = text.substring(i, Math.min(text.length(), i + 16)).toLowerCase(Locale.ROOT);
    return rest.startsWith("<!doctype html") || rest.startsWith("<html");
  }

  /** The text without a plain DOCTYPE, or unchanged. */
  static String withoutPlainDoctype(String text) {
    int start = skipMisc(text, 0);
    if (!text.startsWith("<!DOCTYPE", start)) {
      return text;
    }
    char quote = 0;
    for (int i = start + "<!DOCTYPE".length(); i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        return text; // an internal subset declares entities: leave it for the parser to refuse
      } else if (c == '>') {
        return text.substring(0, start) + text.substring(i + 1);
      }
    }
    return text;
  }

  /** True when a DOCTYPE comes before the root element. */
  static boolean hasDoctype(String text) {
    return text.startsWith("<!DOCTYPE", skipMisc(text, 0));
  }

  /** Where the name of the root element ends in its start tag, or -1 when none is found. */
  static int rootNameEnd(String text) {
    int i = skipMisc(text, 0);
    while (text.startsWith("<!", i)) {
      int end = text.indexOf('>', i);
      if (end < 0) {
        return -1;
      }
      i = skipMisc(text, end + 1);
    }
    if (i >= text.length() || text.charAt(i) != '<') {
      return -1;
    }
    int end = i + 1;
    while (end < text.length()
        && !Character.isWhitespace(text.charAt(end))
        && "/>".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    return end > i + 1 ? end : -1;
  }

  // Skips a byte order mark, white space, processing instructions and comments.
  private static int skipMisc(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\uFEFF' || Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("<?", i)) {
        int end = text.indexOf("?>", i);
        if (end < 0) {
          return text.length();
        }
        i = end + 2;
      } else if (text.startsWith("<!--", i)) {
        int end = text.indexOf("-->", i);
        if (end < 0) {
          return text.length();
        }
        i = end + 3;
      } else {
        return i;
      }
    }
    return i;
  }
}
