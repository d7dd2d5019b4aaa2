package dev.orrery.feed;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Declares the namespace prefixes a document uses but never declares ({@code <dc:creator>} without
 * {@code xmlns:dc}, {@code <id bogus:attr="x">}), which a namespace-aware parser refuses although
 * the XML is well-formed. Common feed prefixes get their usual namespace, so their elements are
 * still read; any other gets a namespace of its own, so ROME passes it by as foreign markup.
 */
final class UndeclaredPrefixes {
  private static final Map<String, String> USUAL =
      Map.of(
          "dc", "http://purl.org/dc/elements/1.1/",
          "content", "http://purl.org/rss/1.0/modules/content/",
          "media", "http://search.yahoo.com/mrss/",
          "atom", "http://www.w3.org/2005/Atom");
  private static final String OTHER = "urn:x-undeclared-prefix:";

  private UndeclaredPrefixes() {}

  /** The document with its undeclared prefixes declared on the root element, or null if none. */
  static String declare(String xml) {
    Set<String> undeclared = find(xml);
    int at = Prolog.rootNameEnd(xml);
    if (undeclared.isEmpty() || at < 0) {
      return null;
    }
    StringBuilder declarations = new StringBuilder();
    for (String prefix : undeclared) {
      String uri = USUAL.getOrDefault(prefix, OTHER + prefix);
      declarations.append(" xmlns:").append(prefix).append("=\"").append(uri).append('"');
    }
    return xml.substring(0, at) + declarations + xml.substring(at);
  }

  /** Prefixes of element and attribute names that no xmlns: attribute declares anywhere. */
  static Set<String> find(String xml) {
    Set<String> used = new TreeSet<>();
    Set<String> declared = new TreeSet<>(Set.of("xml", "xmlns"));
    DefaultHandler names =
        new DefaultHandler() {
          @Override
          public void startElement(String uri, String local, String qName, Attributes attributes) {
            used.add(prefix(qName));
            for (int i = 0; i < attributes.getLength(); i++) {
              String name = attributes.getQName(i);
              if (name.startsWith("xmlns:")) {
                declared.add(name.substring("xmlns:".length()));
              } else {
                used.add(prefix(name));
              }
            }
          }
        };
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.newSAXParser().parse(new InputSource(new StringReader(xml)), names);
    } catch (SAXException | IOException | ParserConfigurationException notWellFormed) {
      return Set.of(); // broken beyond its prefixes: nothing to declare
    }
    used.remove("");
    used.removeAll(declared);
    return used;
  }

  private static String prefix(String qName) {
    int colon = qName.indexOf(':');
    return colon > 0 ? qName.substring(0, colon) : "";
  }
}
