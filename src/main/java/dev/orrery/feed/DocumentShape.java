package dev.orrery.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Brings a well-formed feed into the shape ROME's parsers read, where they would otherwise fail or
 * lose its text: an RSS document without a channel gets an empty one, an Atom feed in a missing or
 * unknown namespace is moved into Atom's, and Atom 0.3 text in base64 is decoded here (ROME's own
 * decoder fails on the line breaks and indentation that base64 is usually written with).
 */
final class DocumentShape {
  static final Namespace ATOM_10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");
  static final Namespace ATOM_03 = Namespace.getNamespace("http://purl.org/atom/ns#");
  private static final Namespace RDF =
      Namespace.getNamespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#");
  private static final Set<String> RDF_RSS =
      Set.of("http://my.netscape.com/rdf/simple/0.9/", "http://purl.org/rss/1.0/");

  /** Atom elements whose children are Atom elements too, not the content of a text. */
  private static final Set<String> ATOM_CONTAINERS =
      Set.of("feed", "entry", "author", "contributor", "source");

  private DocumentShape() {}

  static void normalize(Document document) {
    Element root = document.getRootElement();
    if (root.getName().equals("rss")) {
      ensureChannel(root, root.getNamespace());
    } else if (root.getName().equals("RDF") && root.getNamespace().equals(RDF)) {
      for (Namespace declared : root.getNamespacesIntroduced()) {
        if (RDF_RSS.contains(declared.getURI())) {
          ensureChannel(root, Namespace.getNamespace(declared.getURI()));
        }
      }
    } else if (root.getName().equals("feed")) {
      if (!root.getNamespace().equals(ATOM_10) && !root.getNamespace().equals(ATOM_03)) {
        boolean atom03 = "0.3".equals(root.getAttributeValue("version"));
        moveToAtom(root, root.getNamespace(), atom03 ? ATOM_03 : ATOM_10);
      }
      if (root.getNamespace().equals(ATOM_03)) {
        decodeBase64(root);
        for (Element entry : root.getChildren("entry", ATOM_03)) {
          decodeBase64(entry);
        }
      }
    }
  }

  private static void ensureChannel(Element root, Namespace rss) {
    if (root.getChild("channel", rss) == null) {
      root.addContent(new Element("channel", rss));
    }
  }

  /**
   * Moves the feed's own elements from the namespace it was written in to Atom's: the containers
   * and their children, not the markup inside a text (XHTML content keeps its namespace).
   */
  private static void moveToAtom(Element element, Namespace from, Namespace atom) {
    element.setNamespace(atom);
    if (!ATOM_CONTAINERS.contains(element.getName())) {
      return;
    }
    for (Element child : element.getChildren()) {
      if (child.getNamespace().equals(from)) {
        moveToAtom(child, from, atom);
      }
    }
  }

  /** The base64 texts among an Atom 0.3 feed's or entry's children, decoded and marked escaped. */
  private static void decodeBase64(Element parent) {
    List<Element> children = parent.getChildren();
    for (Element child : children) {
      if (child.getNamespace().equals(ATOM_03)
          && "base64".equals(child.getAttributeValue("mode"))) {
        child.setText(isText(child.getAttributeValue("type")) ? decoded(child.getText()) : "");
        child.setAttribute("mode", "escaped");
      }
    }
  }

  /** Atom 0.3's type is a media type, text/plain when absent. */
  private static boolean isText(String type) {
    String media = type == null ? "text/plain" : type.toLowerCase(Locale.ROOT);
    return media.startsWith("text/") || media.contains("xml") || media.contains("html");
  }

  /** UTF-8 text of base64 written on any number of lines; empty when it is not base64. */
  private static String decoded(String base64) {
    try {
      return new String(Base64.getMimeDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return "";
    }
  }
}
