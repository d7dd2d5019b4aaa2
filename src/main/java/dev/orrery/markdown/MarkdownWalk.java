package dev.orrery.markdown;

import java.net.URI;
import java.util.Locale;
import java.util.function.Consumer;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * One pass of {@link HtmlToMarkdown} over a tree, writing to one writer: what each element means in
 * Discord markdown. Inline elements (bold, italic, a link) are rendered by a walk of their own, so
 * their markers hug the words.
 */
final class MarkdownWalk {
  /**
   * Deeper than this, an element's text is read flat, by jsoup's loop rather than our recursion:
   * jsoup's parser stops nesting at 512, but a tree may come from elsewhere.
   */
  private static final int MAX_DEPTH = 200;

  /** Lists show this many levels; deeper ones stay at the last, or every line would grow. */
  private static final int LIST_LEVELS = 4;

  private final URI base;
  private final MarkdownWriter out;
  private boolean bold;
  private boolean italic;
  private int depth;
  private int lists;

  /** The walk stops once this much markdown is written for good (outermost walk only). */
  private int stopAfter = Integer.MAX_VALUE;

  /** What was written for good when the walk stopped; null while it runs. */
  private String stoppedWith;

  /**
   * @param outer the walk this one renders an inline element for, whose style and depth it
   *     continues; null for the outermost
   */
  MarkdownWalk(URI base, MarkdownWriter out, MarkdownWalk outer) {
    this.base = base;
    this.out = out;
    if (outer != null) {
      bold = outer.bold;
      italic = outer.italic;
      depth = outer.depth;
      lists = outer.lists;
    }
  }

  void children(Element element) {
    children(element, null);
  }

  /**
   * @param beforeEach given each child just before it is walked (a walk reads only the child's own
   *     subtree), and not the children after a stop; null for none
   */
  void children(Element element, Consumer<Node> beforeEach) {
    for (Node child : element.childNodes()) {
      if (stoppedWith != null) {
        return;
      }
      if (out.written() >= stopAfter) {
        stoppedWith = out.writtenSoFar();
        return;
      }
      if (beforeEach != null) {
        beforeEach.accept(child);
      }
      node(child);
    }
  }

  /**
   * Stops the walk at the first node met once {@code length} characters of markdown are written for
   * good; what comes after it is then never walked.
   */
  void stopAfter(int length) {
    this.stopAfter = length;
  }

  /** The markdown written for good when the walk stopped, or null when it walked everything. */
  String stoppedWith() {
    return stoppedWith;
  }

  private void node(Node node) {
    if (node instanceof TextNode) {
      text(((TextNode) node).getWholeText());
    } else if (node instanceof Element) {
      element((Element) node);
    }
  }

  private void text(String raw) {
    if (stopAfter == Integer.MAX_VALUE) {
      textPiece(raw);
      return;
    }
    // A long text is written a piece at a time, so the walk can stop inside it once enough is
    // written: the rest of a long paragraph is then never collapsed nor escaped.
    int start = 0;
    while (true) {
      int need = Math.max(stopAfter - out.writtenOrPending(), 1);
      int end =
          raw.length() - start > need ? HtmlToMarkdown.pieceEnd(raw, start + need) : raw.length();
      textPiece(raw.substring(start, end));
      if (end == raw.length()) {
        return;
      }
      if (out.writtenOrPending() >= stopAfter) {
        stoppedWith = out.writtenWithRunSoFar();
        return;
      }
      start = end;
    }
  }

  private void textPiece(String raw) {
    String collapsed = HtmlToMarkdown.collapseWhitespace(raw);
    if (collapsed.isEmpty()) {
      return;
    }
    if (collapsed.startsWith(" ")) {
      out.space();
    }
    out.text(collapsed.strip());
    if (collapsed.endsWith(" ") && !collapsed.isBlank()) {
      out.space();
    }
  }

  private void element(Element e) {
    String tag = e.normalName();
    if (HtmlTags.DROPPED.contains(tag)) {
      return;
    }
    if (depth >= MAX_DEPTH) {
      flat(e);
      return;
    }
    depth++;
    switch (tag) {
      case "br" -> out.breakLines(1);
      case "b", "strong" -> wrapped(e, "**", true, false);
      case "i", "em", "cite" -> wrapped(e, "*", false, true);
      case "code", "kbd", "samp", "tt" -> out.markdown(CodeMarkdown.inline(e.text()));
      case "pre" -> {
        block(2);
        out.markdown(CodeMarkdown.fenced(e));
        block(2);
      }
      case "a" -> link(e);
      case "ul", "ol" -> list(e, tag.equals("ol"));
      case "blockquote" -> quote(e);
      case "h1", "h2", "h3", "h4", "h5", "h6" -> {
        block(2);
        wrapped(e, "**", true, false);
        block(2);
      }
      case "td", "th" -> {
        out.space();
        children(e);
        out.space();
      }
      default -> other(e, tag);
    }
    depth--;
  }

  /** The element's text alone, a space for each block, walked by jsoup without recursion. */
  private void flat(Element e) {
    NodeTraversor.filter(
        (node, nodeDepth) -> {
          if (stoppedWith != null) {
            return NodeFilter.FilterResult.STOP;
          }
          if (node instanceof TextNode textNode) {
            text(textNode.getWholeText());
          } else if (node instanceof Element element) {
            if (HtmlTags.DROPPED.contains(element.normalName())) {
              return NodeFilter.FilterResult.SKIP_ENTIRELY;
            }
            if (element.isBlock()) {
              out.space();
            }
          }
          return NodeFilter.FilterResult.CONTINUE;
        },
        e);
  }

  private void other(Element e, String tag) {
    if (HtmlTags.PARAGRAPHS.contains(tag)) {
      block(2);
      children(e);
      block(2);
    } else if (HtmlTags.LINES.contains(tag)) {
      block(1);
      children(e);
      block(1);
    } else {
      children(e); // span, font, u, small, unknown tags: their text only
    }
  }

  private void block(int newlines) {
    out.breakLines(newlines);
  }

  /** Bold or italic: the inside rendered on its own, so the markers hug the words. */
  private void wrapped(Element e, String marker, boolean isBold, boolean isItalic) {
    if ((isBold && bold) || (isItalic && italic)) {
      children(e); // already inside the same style: a second marker would end it
      return;
    }
    MarkdownWriter inner = new MarkdownWriter(false);
    MarkdownWalk walk = new MarkdownWalk(base, inner, this);
    walk.bold = bold || isBold;
    walk.italic = italic || isItalic;
    walk.children(e);
    emitInline(inner, marker, marker);
  }

  private void link(Element e) {
    String href = e.attr("href").strip();
    String url = linkTarget(href);
    if (url == null) {
      children(e);
      return;
    }
    String plain = e.text().strip();
    if (plain.isEmpty()) {
      return; // an image-only link: the image is dropped, a bare link would say nothing
    }
    if (plain.equals(href) || plain.equals(url) || LinkText.pointsElsewhere(plain, url)) {
      // The text is an address: show the one the link really goes to.
      if (url.startsWith("http")) {
        out.markdown("<" + url + ">");
      } else {
        out.text(url);
      }
      return;
    }
    MarkdownWriter inner = new MarkdownWriter(false);
    new MarkdownWalk(base, inner, this).children(e);
    String target = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20");
    emitInline(inner, "[", "](" + target + ")");
  }

  private String linkTarget(String href) {
    if (href.isEmpty()) {
      return null;
    }
    if (href.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
      return href;
    }
    return Links.absolute(href, base); // http and https only
  }

  private void emitInline(MarkdownWriter inner, String open, String close) {
    String content = inner.result().strip();
    if (inner.leadingSpace()) {
      out.space();
    }
    if (!content.isEmpty()) {
      out.markdown(open + content + close);
    }
    if (inner.trailingSpace()) {
      out.space();
    }
  }

  private void list(Element list, boolean ordered) {
    String outer = out.prefix();
    String indent = lists < LIST_LEVELS - 1 ? "  " : "";
    lists++;
    block(1);
    int number = ordered ? startNumber(list) : 0;
    for (Element item : list.children()) {
      if (!item.normalName().equals("li")) {
        continue;
      }
      String marker = ordered ? (number++) + ". " : "- ";
      block(1);
      out.firstLinePrefix(outer + marker);
      out.prefix(outer + indent);
      children(item);
      out.prefix(outer);
    }
    lists--;
    block(1);
  }

  private static int startNumber(Element list) {
    try {
      return list.hasAttr("start") ? Integer.parseInt(list.attr("start").strip()) : 1;
    } catch (NumberFormatException notANumber) {
      return 1; // start="a" and friends: count from one
    }
  }

  private void quote(Element e) {
    String outer = out.prefix();
    block(2);
    out.enterQuote();
    // Discord has one level of quote: a quote inside a quote stays in the same one.
    out.prefix(outer.contains("> ") ? outer : outer + "> ");
    children(e);
    out.prefix(outer);
    out.leaveQuote();
    block(2);
  }
}
