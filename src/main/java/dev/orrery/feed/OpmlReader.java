package dev.orrery.feed;

import com.rometools.opml.feed.opml.Attribute;
import com.rometools.opml.feed.opml.Opml;
import com.rometools.opml.feed.opml.Outline;
import com.rometools.opml.io.impl.OPML20Parser;
import com.rometools.rome.io.FeedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an OPML file (1.0 or 2.0) with ROME into the feeds it lists: every outline with an {@code
 * xmlUrl}, at any depth, each URL once, with Orrery's own attributes. The XML is read as feeds are
 * (no DOCTYPE, no external entities, a nesting limit), and a file too large, listing too many feeds
 * or none is refused. Never throws: a file it cannot use is {@link Read.Refused} with a reason.
 */
public final class OpmlReader {
  private static final Logger log = LoggerFactory.getLogger(OpmlReader.class);

  /** The largest file read: a thousand feeds take about 200 KB. */
  public static final int MAX_BYTES = 1024 * 1024;

  /** The most feeds one file may list: each is fetched before it is subscribed. */
  public static final int MAX_FEEDS = 500;

  private static final String NOT_OPML = "not an OPML file: ";
  private static final Set<String> FEED_ROOTS = Set.of("rss", "feed", "RDF");

  private final FeedXml xml = new FeedXml(FeedXml.MAX_DEPTH);

  /** What reading a file came to. */
  public sealed interface Read {
    /** The feeds listed, in the file's order, each URL once. */
    record Feeds(List<OpmlFeed> feeds) implements Read {}

    /** Nothing usable; the reason says what is wrong with the file and what to do. */
    record Refused(String reason) implements Read {}
  }

  public Read read(byte[] file) {
    if (file == null || file.length == 0) {
      return new Read.Refused(NOT_OPML + "the file is empty");
    }
    if (file.length > MAX_BYTES) {
      return new Read.Refused(tooLarge(file.length));
    }
    String text;
    try {
      text = FeedText.decode(file, null);
    } catch (IOException e) {
      return new Read.Refused(NOT_OPML + "its text cannot be decoded: save it as UTF-8");
    }
    if (text.isBlank()) {
      return new Read.Refused(NOT_OPML + "the file is empty");
    }
    if (Prolog.isHtml(text)) {
      return new Read.Refused(NOT_OPML + "it is an HTML page");
    }
    if (Prolog.hasDoctype(text)) {
      return new Read.Refused(doctype());
    }
    FeedXml.Read read = xml.read(text);
    if (read instanceof FeedXml.TooDeep deep) {
      return new Read.Refused(NOT_OPML + "outlines are nested more than " + deep.limit() + " deep");
    }
    if (read instanceof FeedXml.Malformed malformed) {
      if (malformed.message() != null && malformed.message().contains("DOCTYPE")) {
        return new Read.Refused(doctype());
      }
      return new Read.Refused(
          NOT_OPML
              + ParseErrors.malformedXml(
                  malformed.line(), malformed.column(), malformed.message()));
    }
    return outlines(((FeedXml.Parsed) read).document());
  }

  /** "the file is 1.5 MB; …": a limit message to show before reading a file of that size. */
  public static String tooLarge(long bytes) {
    return "the file is "
        + Readable.bytes(bytes)
        + "; an OPML file may be at most "
        + Readable.bytes(MAX_BYTES)
        + ": split it into smaller files";
  }

  private static String doctype() {
    return NOT_OPML
        + "DOCTYPE declarations are not allowed (possible entity attack): remove the <!DOCTYPE>"
        + " line";
  }

  private Read outlines(Document document) {
    Element root = document.getRootElement();
    if (!root.getName().equals("opml") || !root.getNamespaceURI().isEmpty()) {
      String name = root.getQualifiedName();
      return new Read.Refused(
          FEED_ROOTS.contains(root.getName())
              ? NOT_OPML + "<" + name + "> is a feed, not a list of feeds: subscribe to its URL"
              : NOT_OPML + "its root element is <" + name + ">, not <opml>");
    }
    if (root.getChild("body") == null) {
      return new Read.Refused(noFeeds());
    }
    Opml opml;
    try {
      opml = (Opml) new Parser().parse(document, false, Locale.US);
    } catch (FeedException | RuntimeException e) {
      // ROME gives up on an unexpected value in the head, say a window size that is not a number
      log.debug("ROME cannot read the OPML file", e);
      return new Read.Refused(NOT_OPML + "ROME cannot read its <head> or outlines");
    }
    Map<String, OpmlFeed> feeds = new LinkedHashMap<>();
    collect(opml.getOutlines(), feeds);
    if (feeds.isEmpty()) {
      return new Read.Refused(noFeeds());
    }
    if (feeds.size() > MAX_FEEDS) {
      return new Read.Refused(
          "the file lists "
              + feeds.size()
              + " feeds; one import takes at most "
              + MAX_FEEDS
              + ": split it into smaller files");
    }
    return new Read.Feeds(List.copyOf(feeds.values()));
  }

  private static String noFeeds() {
    return "the file lists no feeds: none of its outlines has an xmlUrl";
  }

  /**
   * Every outline with an xmlUrl, depth first in the file's order; a URL seen before is skipped.
   */
  private static void collect(List<Outline> outlines, Map<String, OpmlFeed> feeds) {
    for (Outline outline : outlines) {
      String url = blankToNull(OpmlAttributes.standard(outline, OpmlAttributes.XML_URL));
      if (url != null) {
        String title = blankToNull(outline.getTitle());
        feeds.putIfAbsent(
            url,
            new OpmlFeed(
                url,
                title != null ? title : blankToNull(outline.getText()),
                blankToNull(OpmlAttributes.standard(outline, OpmlAttributes.HTML_URL)),
                OpmlAttributes.settings(outline)));
      }
      collect(outline.getChildren(), feeds);
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /**
   * ROME's OPML 2.0 reading, which also reads 1.0, keeping Orrery's attributes apart: ROME names an
   * attribute by its local name only, so {@code orrery:filter} would pass for a {@code filter}.
   */
  private static final class Parser extends OPML20Parser {
    @Override
    protected Outline parseOutline(Element e, boolean validate, Locale locale)
        throws FeedException {
      Outline outline = super.parseOutline(e, validate, locale);
      List<Attribute> attributes = new ArrayList<>();
      for (Attribute attribute : outline.getAttributes()) {
        if (e.getAttribute(attribute.getName()) != null) {
          attributes.add(attribute); // an attribute in no namespace
        }
      }
      for (org.jdom2.Attribute attribute : e.getAttributes()) {
        if (OpmlAttributes.NAMESPACE.getURI().equals(attribute.getNamespaceURI())) {
          attributes.add(OpmlAttributes.ours(attribute.getName(), attribute.getValue()));
        }
      }
      outline.setAttributes(attributes);
      return outline;
    }
  }
}
