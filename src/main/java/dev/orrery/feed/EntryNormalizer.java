package dev.orrery.feed;

import dev.orrery.markdown.HtmlToMarkdown;
import dev.orrery.markdown.Links;
import dev.orrery.markdown.PostHtml;
import dev.orrery.markdown.SummaryMarkdown;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.Selector;

/**
 * Gives a parsed entry its identity key and turns it into what is stored and posted: absolute
 * links, a Discord-markdown summary cut to length, an image, a date. All text a feed gives (titles,
 * author, the summary's text, the feed's own title) goes through {@link #clean} on its way.
 */
public final class EntryNormalizer {
  // Compiled once: parsing the query again for every entry cost more than running it.
  private static final Evaluator IMAGES = Selector.evaluatorOf("img[src]");

  private final SummaryMarkdown summaries = new SummaryMarkdown();
  private final int summaryMaxLength;

  public EntryNormalizer(int summaryMaxLength) {
    if (summaryMaxLength < 2) {
      throw new IllegalArgumentException(
          "summaryMaxLength must be at least 2, was " + summaryMaxLength);
    }
    this.summaryMaxLength = summaryMaxLength;
  }

  /**
   * @param feedUrl the feed's own URL, the base of relative links
   * @param discoveredAt stands in for the date of an entry that has none
   */
  public NormalizedEntry normalize(ParsedEntry entry, URI feedUrl, Instant discoveredAt) {
    Links.Absolute link = Links.absoluteWithUri(entry.link(), feedUrl);
    String url = link != null ? link.link() : null;
    URI base = link != null && link.uri() != null ? link.uri() : feedUrl;
    // Parsed once for both the summary and the image, and only as far as they read: jsoup's parse
    // is the dear part of either.
    PostHtml post = entry.html() == null ? null : new PostHtml(entry.html());
    String summary = "";
    if (post != null && !entry.html().isBlank()) {
      // Only what the summary reads is cleaned: a long post's tail never is. The image is read
      // from attributes, which cleaning leaves as they are.
      summary = summaries.summary(post, base, summaryMaxLength, EntryNormalizer::cleanText);
    }
    String author = line(entry.author());
    return new NormalizedEntry(
        key(entry, feedUrl),
        entry.title() == null ? "" : line(entry.title()),
        url,
        author == null || author.isEmpty() ? null : author,
        summary,
        image(entry, feedUrl, base, post),
        entry.published() != null ? entry.published() : discoveredAt,
        entry.guid() == null ? null : line(entry.guid()),
        entry.categories().stream()
            .map(EntryNormalizer::line)
            .filter(c -> !c.isEmpty())
            .distinct()
            .toList());
  }

  /** The feed's own title, cleaned as an entry's is; null when it has none. */
  public String feedTitle(ParsedFeed feed) {
    String title = line(feed.title());
    return title == null || title.isEmpty() ? null : title;
  }

  /**
   * Text from a feed made fit to store and show: text whose UTF-8 was read as Latin-1 or
   * Windows-1252 repaired first (that form holds C1 controls, which the next step removes), then
   * control, bidi-override and zero-width characters removed.
   */
  static String clean(String text) {
    return InvisibleCharacters.strip(Mojibake.repair(text));
  }

  /** A one-line field (a title, a name): cleaned, each run of whitespace one space. */
  private static String line(String text) {
    return text == null ? null : HtmlToMarkdown.collapseWhitespace(clean(text)).strip();
  }

  /**
   * Cleans every text node of a part of the summary in place (jsoup's traversal is a loop, not a
   * recursion).
   */
  private static void cleanText(Node part) {
    NodeTraversor.traverse(
        (node, depth) -> {
          if (node instanceof TextNode text) {
            String raw = text.getWholeText();
            String cleaned = clean(raw);
            if (!cleaned.equals(raw)) {
              text.text(cleaned);
            }
          }
        },
        part);
  }

  /** The guid or id, else the normalised link, else a hash of title and date. */
  static String key(ParsedEntry entry, URI feedUrl) {
    if (entry.guid() != null && !entry.guid().isBlank()) {
      return entry.guid().strip();
    }
    String link = Links.normalized(entry.link(), feedUrl);
    if (link != null) {
      return link;
    }
    String title = entry.title() == null ? "" : entry.title().strip();
    String published = entry.published() == null ? "" : entry.published().toString();
    byte[] identity = (title + "\n" + published).getBytes(StandardCharsets.UTF_8);
    return "sha256:" + CappedBody.sha256(identity);
  }

  /**
   * @param post the entry's HTML, or null when it has none
   */
  private static String image(ParsedEntry entry, URI feedUrl, URI base, PostHtml post) {
    String declared = Links.absolute(entry.imageUrl(), feedUrl);
    if (declared != null) {
      return declared;
    }
    if (post == null || !mayHoldImage(post.html())) {
      return null;
    }
    // The children the summary's parse settled come first in the whole parse too: an image among
    // them is the first, and the rest of the post need not be parsed for it.
    Element body = post.beginning(0); // as far as the summary parsed it
    int settled = post.settledChildren();
    for (int i = 0; i < settled; i++) {
      if (body.childNode(i) instanceof Element child) {
        String src = firstImage(child, base);
        if (src != null) {
          return src;
        }
      }
    }
    // a fragment's nodes all go to the body (the head stays empty), so this is the whole document
    return post.isWhole() ? null : firstImage(post.whole(), base);
  }

  /** The first image of the element or inside it that is not a tracking pixel, made absolute. */
  private static String firstImage(Element element, URI base) {
    for (Element img : element.select(IMAGES)) {
      if (isTrackingPixel(img)) {
        continue;
      }
      String src = Links.absolute(img.attr("src"), base);
      if (src != null) {
        return src;
      }
    }
    return null;
  }

  /**
   * False when the HTML cannot hold an image element, and its parse need not be searched: jsoup
   * makes one only from a start tag named "img", or "image" (which HTML reads as "img"), and tag
   * names are not decoded, so either begins with "&lt;im" in some case.
   */
  static boolean mayHoldImage(String html) {
    return PostHtml.holdsTagStart(html, html.length(), "im");
  }

  // A 1x1 (or 0x0) image is a counter, not a picture.
  private static boolean isTrackingPixel(Element img) {
    return isTiny(img.attr("width")) || isTiny(img.attr("height"));
  }

  private static boolean isTiny(String dimension) {
    String value = dimension.strip().replace("px", "");
    return value.equals("0") || value.equals("1");
  }
}
