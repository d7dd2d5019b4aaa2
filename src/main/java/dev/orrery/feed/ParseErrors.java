package dev.orrery.feed;

/**
 * Why a body is not a usable feed, in sentences a person can act on. The only text not ours is the
 * XML parser's description of a well-formedness error, which speaks of the document ("the element
 * type "title" must be terminated by the matching end-tag") and never of the program.
 */
final class ParseErrors {
  static final String EMPTY = "not a feed: the body is empty";
  static final String HTML = "not a feed: the page is HTML";
  static final String DOCTYPE =
      "not a feed: DOCTYPE declarations are not allowed (possible entity attack)";
  static final String UNDECODABLE = "not a feed: the text cannot be decoded";
  static final String OPML =
      "not a feed: this is an OPML list of feeds; import it with /opml import (or orrery opml"
          + " import)";
  static final String TOO_DEEP_TO_READ = "not a feed: elements are nested too deeply to read";
  private static final int MAX_DETAIL = 120;

  private ParseErrors() {}

  static String tooDeep(int limit) {
    return "not a feed: elements are nested more than " + limit + " deep";
  }

  /**
   * @param line 1-based, or -1 when unknown
   * @param column 1-based, or -1 when unknown
   * @param parserMessage the XML parser's description of the error, or null
   */
  static String malformed(int line, int column, String parserMessage) {
    return "not a feed: " + malformedXml(line, column, parserMessage);
  }

  /** "the XML is malformed at line 3, column 7 (…)": what is wrong with any XML document. */
  static String malformedXml(int line, int column, String parserMessage) {
    StringBuilder reason = new StringBuilder("the XML is malformed");
    if (line > 0) {
      reason.append(" at line ").append(line);
      if (column > 0) {
        reason.append(", column ").append(column);
      }
    }
    String detail = detail(parserMessage);
    if (!detail.isEmpty()) {
      reason.append(" (").append(detail).append(')');
    }
    return reason.toString();
  }

  static String notRssOrAtom(String root) {
    return "not a feed: <" + root + "> is neither RSS nor Atom";
  }

  /** ROME could not follow a well-formed document of a kind it claims. */
  static String unreadable(String root) {
    return "not a feed: the <" + root + "> document cannot be read as a feed";
  }

  /** The parser's message made to fit after "not a feed: ... (": one line, lower case, short. */
  private static String detail(String message) {
    if (message == null) {
      return "";
    }
    String text = message.strip().replaceAll("\\s+", " ");
    // lower-case a leading word to fit inside the sentence, but not an acronym like XML
    if (text.length() > 1
        && Character.isUpperCase(text.charAt(0))
        && !Character.isUpperCase(text.charAt(1))) {
      text = Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
  }
}
