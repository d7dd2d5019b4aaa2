package dev.orrery.feed;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.ParsingFeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.Locale;

/**
 * Parses a fetched body as RSS (0.9x, 1.0, 2.0) or Atom (0.3, 1.0) with ROME, keeping ROME's
 * refusal of DOCTYPEs (no external entities, no billion laughs), and converts the result to {@link
 * ParsedFeed}. Never throws: anything unusable is {@link ParseResult.Invalid} with a readable
 * reason.
 */
public final class FeedParser {
  private static final String DOCTYPE_REFUSED =
      "not a feed: DOCTYPE declarations are not allowed (possible entity attack)";
  private static final int MAX_DETAIL = 120;

  /** XML's own named entities: the only ones a body without a DOCTYPE may use. */
  private static final String[] PREDEFINED = {"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"};

  private final RomeConverter converter = new RomeConverter();

  /**
   * @param contentType the Content-Type header, or null
   * @param url where the body came from, to make relative links absolute
   */
  public ParseResult parse(byte[] body, String contentType, URI url) {
    if (body == null || body.length == 0) {
      return new ParseResult.Invalid("not a feed: the body is empty");
    }
    String text;
    try {
      text = FeedText.decode(body, contentType);
    } catch (IOException e) {
      return new ParseResult.Invalid("not a feed: cannot decode the text (" + detail(e) + ")");
    }
    if (text.isBlank()) {
      return new ParseResult.Invalid("not a feed: the body is empty");
    }
    if (Prolog.isHtml(text)) {
      return new ParseResult.Invalid("not a feed: the page is HTML");
    }
    String xml = Prolog.withoutPlainDoctype(text);
    SyndFeed feed;
    try {
      feed = build(xml);
    } catch (FeedException e) {
      return new ParseResult.Invalid(explain(e, xml, contentType));
    } catch (IllegalArgumentException e) {
      // ROME's way to say no parser knows the root element
      return new ParseResult.Invalid(notRssOrAtom(xml, contentType));
    }
    return new ParseResult.Parsed(converter.convert(feed, url));
  }

  /**
   * ROME with its XML healer, which reads the body a character at a time (a quarter of a cold
   * poll's CPU): skipped when {@link #healingChangesNothing} proves it would change nothing, and
   * used after all when the body then fails to parse, so results and errors stay the healer's.
   */
  private static SyndFeed build(String xml) throws FeedException {
    if (healingChangesNothing(xml)) {
      try {
        return input(false).build(new StringReader(xml));
      } catch (FeedException | IllegalArgumentException e) {
        // parsed again below with the healer, which owns the verdict
      }
    }
    return input(true).build(new StringReader(xml));
  }

  private static SyndFeedInput input(boolean healer) {
    SyndFeedInput input = new SyndFeedInput();
    // ROME refuses DOCTYPEs by default; said again so no later change of default can slip by.
    input.setAllowDoctypes(false);
    // The wire feed keeps what the generic model loses: RSS <ttl>, the real guid.
    input.setPreserveWireFeed(true);
    input.setXmlHealerOn(healer);
    return input;
  }

  /**
   * Whether ROME's healer (XmlFixerReader) would leave the meaning of this document as it is. It
   * trims leading whitespace and comments, makes a bare '&' "&amp;", and rewrites every named
   * entity it knows, XML's own included, as a numeric reference: the same text outside CDATA, not
   * inside. So: nothing to trim, and every '&' a numeric reference or, when there is no CDATA
   * section at all, one of XML's five named entities.
   */
  static boolean healingChangesNothing(String xml) {
    if (xml.isEmpty() || " \t\r\n".indexOf(xml.charAt(0)) >= 0 || xml.startsWith("<!--")) {
      return false;
    }
    boolean namedAllowed = !xml.contains("<![CDATA[");
    for (int amp = xml.indexOf('&'); amp >= 0; amp = xml.indexOf('&', amp + 1)) {
      if (!isNumericReference(xml, amp) && !(namedAllowed && isPredefinedEntity(xml, amp))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPredefinedEntity(String xml, int amp) {
    for (String entity : PREDEFINED) {
      if (xml.startsWith(entity, amp)) {
        return true;
      }
    }
    return false;
  }

  /** {@code &#123;} or {@code &#x1F;}: never in the healer's table, so never touched. */
  private static boolean isNumericReference(String xml, int amp) {
    int i = amp + 1;
    if (i >= xml.length() || xml.charAt(i) != '#') {
      return false;
    }
    i++;
    boolean hex = i < xml.length() && xml.charAt(i) == 'x';
    if (hex) {
      i++;
    }
    int digits = i;
    while (i < xml.length()
        && (hex
            ? Character.digit(xml.charAt(i), 16) >= 0 && xml.charAt(i) < 128
            : xml.charAt(i) >= '0' && xml.charAt(i) <= '9')) {
      i++;
    }
    return i > digits && i < xml.length() && xml.charAt(i) == ';';
  }

  private static String explain(FeedException e, String xml, String contentType) {
    String message = chainMessages(e);
    if (message.contains("DOCTYPE")) {
      return DOCTYPE_REFUSED;
    }
    if (isHtmlType(contentType)) {
      return "not a feed: the page is HTML";
    }
    if (e instanceof ParsingFeedException) {
      ParsingFeedException parsing = (ParsingFeedException) e;
      String where = parsing.getLineNumber() > 0 ? " at line " + parsing.getLineNumber() : "";
      return "not a feed: the XML is malformed" + where + " (" + detail(rootCause(e)) + ")";
    }
    if (message.contains("Invalid document")) {
      return notRssOrAtom(xml, contentType);
    }
    return "not a feed: " + detail(rootCause(e));
  }

  private static String notRssOrAtom(String xml, String contentType) {
    if (isHtmlType(contentType)) {
      return "not a feed: the page is HTML";
    }
    String root = Prolog.rootName(xml);
    return root == null
        ? "not a feed: neither RSS nor Atom"
        : "not a feed: <" + root + "> is neither RSS nor Atom";
  }

  private static boolean isHtmlType(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html");
  }

  private static String chainMessages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String detail(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    // JDOM prefixes its own position; the line number is reported separately.
    message = message.replaceFirst("^Error on line \\d+(: )?", "");
    // lower-case a leading word to fit after "not a feed: ", but not an acronym like XML
    if (message.length() > 1
        && Character.isUpperCase(message.charAt(0))
        && !Character.isUpperCase(message.charAt(1))) {
      message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
    if (message.endsWith(".")) {
      message = message.substring(0, message.length() - 1);
    }
    return message.length() <= MAX_DETAIL ? message : message.substring(0, MAX_DETAIL) + "…";
  }
}
