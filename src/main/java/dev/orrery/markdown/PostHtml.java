package dev.orrery.markdown;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * An entry's HTML, parsed only as far as it is read: a summary keeps a few hundred characters of a
 * post that may run to thousands, and jsoup's parse of the rest was most of the cost of reading it.
 *
 * <p>A beginning of the HTML parses into the nodes the whole parses into, but for its last child of
 * the body, which more HTML may extend. The parser moves nodes made earlier in two cases only: an
 * end tag of a formatting element (b, a, em…) still open, which moves what is inside that element,
 * and content met inside a table, which is put before it. Neither reaches the children before the
 * last unless a table is open among them, so those children are settled when the beginning holds no
 * table tag.
 */
public final class PostHtml {
  private final String html;

  /** The body parsed from the first {@link #parsed} characters; null before the first parse. */
  private Element body;

  private int parsed;

  public PostHtml(String html) {
    this.html = html;
  }

  public String html() {
    return html;
  }

  /** The body parsed from at least the first {@code length} characters, or from the whole. */
  public Element beginning(int length) {
    int wanted = Math.min(Math.max(length, 0), html.length());
    if (body == null || parsed < wanted) {
      body = Jsoup.parseBodyFragment(html.substring(0, wanted)).body();
      parsed = wanted;
    }
    return body;
  }

  /** The body parsed from the whole HTML. */
  public Element whole() {
    return beginning(html.length());
  }

  public boolean isWhole() {
    return body != null && parsed == html.length();
  }

  /**
   * How many of the parsed body's first child nodes are as the whole parse has them: all of the
   * whole, all but the last of a beginning without a table tag, none of one with.
   */
  public int settledChildren() {
    if (body == null) {
      return 0;
    }
    if (isWhole()) {
      return body.childNodeSize();
    }
    return holdsTableTag(parsed) ? 0 : Math.max(body.childNodeSize() - 1, 0);
  }

  /** Whether the first {@code length} characters hold "&lt;table" in some case. */
  private boolean holdsTableTag(int length) {
    return holdsTagStart(html, length, "table");
  }

  /**
   * Whether a "&lt;" among the first {@code end} characters of the HTML is followed by {@code name}
   * in some case: a tag of that name, or one that begins with it, may be there.
   */
  public static boolean holdsTagStart(String html, int end, String name) {
    for (int i = html.indexOf('<'); i >= 0 && i < end; i = html.indexOf('<', i + 1)) {
      if (html.regionMatches(true, i + 1, name, 0, name.length())) {
        return true;
      }
    }
    return false;
  }
}
