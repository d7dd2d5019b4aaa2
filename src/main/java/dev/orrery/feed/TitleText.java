package dev.orrery.feed;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;

/**
 * Reads a title that does not say whether it is HTML or text. RSS never says, and feeds write both:
 * "&lt;b&gt;Bold&lt;/b&gt; news" means bold, "History of the &lt;blink&gt; tag" means the tag. As
 * Python's feedparser does, a title is HTML only when it looks like HTML: it closes a tag or holds
 * an entity, and every tag and entity in it is a known one. Anything else is literal text.
 */
final class TitleText {
  private static final Pattern CLOSING_TAG = Pattern.compile("</[A-Za-z][A-Za-z0-9]*\\s*>");
  private static final Pattern TAG = Pattern.compile("</?([A-Za-z][A-Za-z0-9]*)");
  private static final Pattern ENTITY =
      Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|([A-Za-z][A-Za-z0-9]{0,31}));");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** Elements a title written in HTML may use; "&lt;script&gt;" in a title is about scripts. */
  private static final Set<String> TITLE_ELEMENTS =
      Set.of(
          "a",
          "abbr",
          "acronym",
          "b",
          "big",
          "blockquote",
          "br",
          "center",
          "cite",
          "code",
          "dd",
          "del",
          "dfn",
          "div",
          "dl",
          "dt",
          "em",
          "font",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "hr",
          "i",
          "img",
          "ins",
          "kbd",
          "li",
          "mark",
          "ol",
          "p",
          "pre",
          "q",
          "s",
          "samp",
          "small",
          "span",
          "strike",
          "strong",
          "sub",
          "sup",
          "time",
          "tt",
          "u",
          "ul",
          "var");

  private TitleText() {}

  /**
   * The title as plain text, whitespace collapsed; tags removed and entities decoded only when it
   * is HTML.
   *
   * @param declaredPlain the feed says the title is text (Atom's type="text"): never read as HTML
   */
  static String plain(String title, boolean declaredPlain) {
    String text = !declaredPlain && looksLikeHtml(title) ? Jsoup.parse(title).text() : title;
    return WHITESPACE.matcher(text).replaceAll(" ").strip();
  }

  static boolean looksLikeHtml(String text) {
    if (text.indexOf('<') < 0 && text.indexOf('&') < 0) {
      return false;
    }
    Matcher entity = ENTITY.matcher(text);
    boolean hasEntity = false;
    while (entity.find()) {
      if (entity.group(1) != null && !Entities.isNamedEntity(entity.group(1))) {
        return false;
      }
      hasEntity = true;
    }
    if (!hasEntity && !CLOSING_TAG.matcher(text).find()) {
      return false;
    }
    Matcher tag = TAG.matcher(text);
    while (tag.find()) {
      if (!TITLE_ELEMENTS.contains(tag.group(1).toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }
}
