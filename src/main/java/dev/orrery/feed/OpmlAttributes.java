package dev.orrery.feed;

import com.rometools.opml.feed.opml.Attribute;
import com.rometools.opml.feed.opml.Outline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdom2.Namespace;
import org.jdom2.Verifier;

/**
 * The attributes of an OPML outline that Orrery reads and writes: the standard ones, and Orrery's
 * own in their namespace. ROME's outline model keeps only an attribute's local name, so there
 * Orrery's carry the prefix {@value #PREFIX} whatever prefix a file gave them.
 */
final class OpmlAttributes {
  static final Namespace NAMESPACE = Namespace.getNamespace("orrery", "https://orrery.dev/opml");
  static final String PREFIX = "orrery:";

  static final String XML_URL = "xmlUrl";
  static final String HTML_URL = "htmlUrl";
  static final String CHANNEL = "channel";
  static final String FILTER = "filter";
  static final String TEMPLATE = "template";
  static final String EMBED = "embed";
  static final String NAME = "name";
  static final String AVATAR = "avatar";
  static final String DIGEST = "digest";

  private OpmlAttributes() {}

  /** One of Orrery's attributes, as ROME's outline model holds it. */
  static Attribute ours(String name, String value) {
    return new Attribute(PREFIX + name, value);
  }

  /** The value of one of Orrery's attributes, or null. */
  static String ours(Outline outline, String name) {
    return outline.getAttributeValue(PREFIX + name);
  }

  /** A standard attribute, its name in any case: some exporters write {@code xmlurl}. */
  static String standard(Outline outline, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Attribute attribute : outline.getAttributes()) {
      if (attribute.getName() != null
          && attribute.getName().toLowerCase(Locale.ROOT).equals(lower)) {
        return attribute.getValue();
      }
    }
    return null;
  }

  static OpmlFeed.Settings settings(Outline outline) {
    return new OpmlFeed.Settings(
        ours(outline, FILTER),
        ours(outline, TEMPLATE),
        ours(outline, EMBED),
        ours(outline, NAME),
        ours(outline, AVATAR),
        ours(outline, DIGEST));
  }

  static List<Attribute> of(OpmlFeed feed) {
    List<Attribute> attributes = new ArrayList<>();
    add(attributes, XML_URL, feed.url());
    add(attributes, HTML_URL, feed.siteUrl());
    OpmlFeed.Settings settings = feed.settings();
    add(attributes, PREFIX + FILTER, settings.filter());
    add(attributes, PREFIX + TEMPLATE, settings.template());
    add(attributes, PREFIX + EMBED, settings.embed());
    add(attributes, PREFIX + NAME, settings.name());
    add(attributes, PREFIX + AVATAR, settings.avatar());
    add(attributes, PREFIX + DIGEST, settings.digest());
    return attributes;
  }

  private static void add(List<Attribute> attributes, String name, String value) {
    if (value != null) {
      attributes.add(new Attribute(name, legal(value)));
    }
  }

  /**
   * The text without the characters XML 1.0 cannot hold (most control characters): JDOM refuses to
   * write them, and a title or template from elsewhere may have one.
   */
  static String legal(String text) {
    if (text == null || text.codePoints().allMatch(Verifier::isXMLCharacter)) {
      return text;
    }
    StringBuilder kept = new StringBuilder(text.length());
    text.codePoints().filter(Verifier::isXMLCharacter).forEach(kept::appendCodePoint);
    return kept.toString();
  }
}
