package dev.orrery.feed;

import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.JDOMFactory;
import org.jdom2.UncheckedJDOMFactory;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.SAXHandler;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads feed text into a JDOM document, with ROME's own hardened XML settings (no DOCTYPE, no
 * external entities or DTDs) and a limit on how deep elements may nest, counted as the one parse
 * goes: a deeper document is refused at its first element past the limit, so the work stays linear
 * in the body and ROME, whose code recurses over the tree, never sees such a tree.
 */
final class FeedXml {
  /** Deeper than any feed needs (an Atom entry's XHTML starts at 4), shallow enough to recurse. */
  static final int MAX_DEPTH = 256;

  /** What reading the text came to. */
  sealed interface Read {}

  record Parsed(Document document) implements Read {}

  /** Not well-formed; line and column are 1-based, or -1 when unknown. */
  record Malformed(int line, int column, String message) implements Read {}

  /** Elements nest deeper than the limit. */
  record TooDeep(int limit) implements Read {}

  private final int maxDepth;

  FeedXml(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  /**
   * The document, trying the cheapest way first: without ROME's XML healer when {@link
   * #healingChangesNothing} says that reads the same, then with it, then, for a document that uses
   * namespace prefixes it never declares, with those declared. The verdict of the last attempt is
   * the one reported.
   */
  Read read(String xml) {
    if (healingChangesNothing(xml)) {
      Read read = parse(new StringReader(xml));
      if (!(read instanceof Malformed)) {
        return read;
      }
    }
    Read healed = parse(new XmlFixerReader(new StringReader(xml)));
    if (!(healed instanceof Malformed)) {
      return healed;
    }
    String declared = UndeclaredPrefixes.declare(heal(xml));
    return declared == null ? healed : parse(new StringReader(declared));
  }

  private Read parse(Reader reader) {
    SAXBuilder builder = new HardenedInput().builder();
    // The XML parser has checked names, characters and nesting; JDOM's own checks walk up to the
    // root for every element added, which makes deep documents quadratic.
    builder.setJDOMFactory(new UncheckedJDOMFactory());
    builder.setSAXHandlerFactory(factory -> new DepthLimit(factory, maxDepth));
    try {
      return new Parsed(builder.build(reader));
    } catch (JDOMException e) {
      return refusal(e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  private static Read refusal(JDOMException e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof NestedTooDeep deep) {
        return new TooDeep(deep.limit);
      }
    }
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SAXParseException parse) {
        return new Malformed(parse.getLineNumber(), parse.getColumnNumber(), parse.getMessage());
      }
    }
    return new Malformed(-1, -1, null);
  }

  private static String heal(String xml) {
    try (Reader healer = new XmlFixerReader(new StringReader(xml))) {
      StringBuilder text = new StringBuilder(xml.length());
      char[] chunk = new char[8192];
      for (int n; (n = healer.read(chunk)) != -1; ) {
        text.append(chunk, 0, n);
      }
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  /**
   * Whether a parse of this document without ROME's healer (XmlFixerReader), if it succeeds, reads
   * what a parse through the healer reads. The healer trims leading whitespace and comments, makes
   * a bare '&' "&amp;", and rewrites every named entity it knows, XML's own included, as a numeric
   * reference. In elements and attributes that changes nothing a successful parse reads: there,
   * without a DOCTYPE, a '&' must be one of XML's five named entities or a numeric reference, or
   * the parse fails (and the healer is tried). In CDATA sections, comments and processing
   * instructions a '&' is text, which the healer would change. So: nothing to trim, and either none
   * of those, or every '&' a numeric reference or, when there is no CDATA section, one of XML's
   * five named entities.
   */
  static boolean healingChangesNothing(String xml) {
    if (xml.isEmpty() || " \t\r\n".indexOf(xml.charAt(0)) >= 0 || xml.startsWith("<!--")) {
      return false;
    }
    if (onlyElementsAndText(xml)) {
      return true;
    }
    boolean namedAllowed = !xml.contains("<![CDATA[");
    for (int amp = xml.indexOf('&'); amp >= 0; amp = xml.indexOf('&', amp + 1)) {
      if (!isNumericReference(xml, amp) && !(namedAllowed && isPredefinedEntity(xml, amp))) {
        return false;
      }
    }
    return true;
  }

  /**
   * No CDATA section, comment, DOCTYPE or processing instruction, but for the XML declaration: a
   * feed escapes its HTML into elements, so its '<'s are far fewer than its '&'s.
   */
  private static boolean onlyElementsAndText(String xml) {
    for (int lt = xml.indexOf('<'); lt >= 0; lt = xml.indexOf('<', lt + 1)) {
      if (lt + 1 < xml.length()) {
        char next = xml.charAt(lt + 1);
        if (next == '!' || next == '?' && !(lt == 0 && isXmlDeclaration(xml))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isXmlDeclaration(String xml) {
    return xml.startsWith("<?xml") && xml.length() > 5 && " \t\r\n".indexOf(xml.charAt(5)) >= 0;
  }

  /**
   * One of XML's own named entities, the only ones a body without a DOCTYPE may use, at {@code
   * amp}; only the one its first letter names is tried.
   */
  private static boolean isPredefinedEntity(String xml, int amp) {
    if (amp + 1 >= xml.length()) {
      return false;
    }
    return switch (xml.charAt(amp + 1)) {
      case 'l' -> xml.startsWith("&lt;", amp);
      case 'g' -> xml.startsWith("&gt;", amp);
      case 'a' -> xml.startsWith("&amp;", amp) || xml.startsWith("&apos;", amp);
      case 'q' -> xml.startsWith("&quot;", amp);
      default -> false;
    };
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

  /** ROME's SAX builder, set up as ROME sets it up for every feed it reads. */
  private static final class HardenedInput extends WireFeedInput {
    HardenedInput() {
      // ROME refuses DOCTYPEs by default; said again so no later change of default can slip by.
      setAllowDoctypes(false);
    }

    SAXBuilder builder() {
      return createSAXBuilder();
    }
  }

  /** JDOM's tree builder, stopping at the first element nested deeper than the limit. */
  private static final class DepthLimit extends SAXHandler {
    private final int limit;
    private int depth;

    DepthLimit(JDOMFactory factory, int limit) {
      super(factory);
      this.limit = limit;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      if (++depth > limit) {
        throw new NestedTooDeep(limit, getDocumentLocator());
      }
      super.startElement(uri, localName, qName, attributes);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      depth--;
      super.endElement(uri, localName, qName);
    }

    @Override
    protected void resetSubCLass() {
      depth = 0;
    }
  }

  private static final class NestedTooDeep extends SAXParseException {
    private static final long serialVersionUID = 1L;
    final int limit;

    NestedTooDeep(int limit, Locator at) {
      super("elements nested more than " + limit + " deep", at);
      this.limit = limit;
    }
  }
}
