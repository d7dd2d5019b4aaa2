package dev.orrery.feed;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import dev.orrery.markdown.Links;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jsoup.nodes.Entities;

/** Converts ROME's model to our records, so ROME stays inside the feed package. */
final class RomeConverter {
  /** A feed may give an entry any number of categories; filters and templates need a few. */
  private static final int MAX_CATEGORIES = 50;

  private final MediaImages images = new MediaImages();

  ParsedFeed convert(SyndFeed feed, URI url) {
    List<ParsedEntry> entries = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      entries.add(entry(entry, "rss_1.0".equals(feed.getFeedType())));
    }
    WireFeed wire = feed.originalWireFeed();
    boolean plainTitle =
        isPlain(feed.getTitleEx())
            || wire instanceof com.rometools.rome.feed.atom.Feed atom && isPlain(atom.getTitleEx());
    return new ParsedFeed(
        title(feed.getTitle(), feed.getModule(DCModule.URI), plainTitle),
        siteUrl(feed.getLink(), url),
        ttl(feed),
        entries,
        image(feed, wire, url));
  }

  private ParsedEntry entry(SyndEntry entry, boolean rdf) {
    boolean plainTitle =
        isPlain(entry.getTitleEx())
            || entry.getWireEntry() instanceof Entry atom && isPlain(atom.getTitleEx());
    return new ParsedEntry(
        blankToNull(guid(entry, rdf)),
        blankToNull(link(entry)),
        title(entry.getTitle(), entry.getModule(DCModule.URI), plainTitle),
        blankToNull(author(entry)),
        html(entry),
        images.find(entry),
        instant(
            entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate()),
        categories(entry));
  }

  /** The categories' names: an RSS category's text, an Atom category's term. */
  private static List<String> categories(SyndEntry entry) {
    List<String> names = new ArrayList<>();
    for (SyndCategory category : entry.getCategories()) {
      String name = blankToNull(category.getName());
      if (name != null && names.size() < MAX_CATEGORIES) {
        names.add(plainText(name, true).strip());
      }
    }
    return names;
  }

  /** The feed's image: RSS {@code <image>}, Atom {@code <icon>}, else Atom {@code <logo>}. */
  private static String image(SyndFeed feed, WireFeed wire, URI feedUrl) {
    String image = feed.getImage() != null ? feed.getImage().getUrl() : null;
    if (image == null && wire instanceof com.rometools.rome.feed.atom.Feed atom) {
      image = atom.getIcon() != null ? atom.getIcon() : atom.getLogo();
    }
    return blankToNull(image) == null ? null : Links.absolute(image.strip(), feedUrl);
  }

  /** The title, else the Dublin Core title (RSS 1.0 feeds often have only dc:title). */
  private static String title(String title, Module dublinCore, boolean plain) {
    if ((title == null || title.isBlank()) && dublinCore instanceof DCModule dc) {
      return plainText(dc.getTitle(), false);
    }
    return plainText(title, plain);
  }

  /** Atom 1.0's type="text". */
  private static boolean isPlain(SyndContent title) {
    return title != null && "text".equalsIgnoreCase(title.getType());
  }

  /**
   * Atom 0.3's text/plain in escaped mode (base64 is decoded to it beforehand); in XML mode, its
   * default, ROME gives the text escaped, to be read as HTML.
   */
  private static boolean isPlain(Content title) {
    return title != null
        && "text/plain".equalsIgnoreCase(title.getType())
        && Content.ESCAPED.equals(title.getMode());
  }

  /**
   * The guid as written. ROME's uri falls back to the link when an RSS item has no guid; only in
   * RSS 1.0 is it the item's own identity, rdf:about.
   */
  private static String guid(SyndEntry entry, boolean rdf) {
    Object wire = entry.getWireEntry();
    if (wire instanceof Item) {
      Item item = (Item) wire;
      Guid guid = item.getGuid();
      return guid != null ? guid.getValue() : rdf ? item.getUri() : null;
    }
    if (wire instanceof Entry) {
      return ((Entry) wire).getId();
    }
    return entry.getUri();
  }

  private static String link(SyndEntry entry) {
    if (entry.getLink() != null && !entry.getLink().isBlank()) {
      return entry.getLink().strip();
    }
    for (SyndLink link : entry.getLinks()) {
      if (link.getRel() == null || "alternate".equals(link.getRel())) {
        return link.getHref();
      }
    }
    return null;
  }

  private static String author(SyndEntry entry) {
    if (entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
      return entry.getAuthor().strip();
    }
    for (SyndPerson person : entry.getAuthors()) {
      if (person.getName() != null && !person.getName().isBlank()) {
        return person.getName().strip();
      }
    }
    return null;
  }

  /** content:encoded or Atom content when present, else the description, as HTML. */
  private static String html(SyndEntry entry) {
    for (SyndContent content : entry.getContents()) {
      String html = asHtml(content);
      if (html != null) {
        return html;
      }
    }
    return asHtml(entry.getDescription());
  }

  private static String asHtml(SyndContent content) {
    if (content == null || content.getValue() == null || content.getValue().isBlank()) {
      return null;
    }
    String type = content.getType();
    if ("text".equalsIgnoreCase(type) || "text/plain".equalsIgnoreCase(type)) {
      // Plain text must not be read as markup: "a <b> c" is three words, not bold.
      return Entities.escape(content.getValue()).replace("\n", "<br>");
    }
    return content.getValue();
  }

  private static Duration ttl(SyndFeed feed) {
    WireFeed wire = feed.originalWireFeed();
    if (wire instanceof Channel && ((Channel) wire).getTtl() > 0) {
      return Duration.ofMinutes(((Channel) wire).getTtl());
    }
    return null;
  }

  private static String siteUrl(String link, URI feedUrl) {
    String absolute = Links.absolute(link, feedUrl);
    return absolute;
  }

  /** The text of a title or name: see {@link TitleText}. */
  static String plainText(String text, boolean alreadyPlain) {
    return text == null ? null : TitleText.plain(text, alreadyPlain);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
