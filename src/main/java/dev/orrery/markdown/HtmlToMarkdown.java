package dev.orrery.markdown;

import java.net.URI;
import java.util.function.Consumer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Turns an entry's HTML into Discord markdown: paragraphs, line breaks, links, bold, italic, code,
 * lists and quotes kept; scripts, styles, embeds and images dropped; the text escaped so a feed
 * cannot format, mask a link or mention anyone.
 */
public final class HtmlToMarkdown {
  /**
   * @param base the address relative links are resolved against: the entry's page, else the feed
   */
  public String convert(String html, URI base) {
    if (html == null || html.isBlank()) {
      return "";
    }
    return convert(Jsoup.parseBodyFragment(html).body(), base);
  }

  /** The same from HTML already parsed (and only read): the body of a parsed fragment. */
  public String convert(Element body, URI base) {
    MarkdownWriter out = new MarkdownWriter(true);
    new MarkdownWalk(base, out, null).children(body);
    return tidy(out.result());
  }

  /**
   * The markdown of a parsed body, or only its beginning once at least {@code atLeast} characters
   * are written: for a summary that keeps a few hundred characters of a long post.
   */
  public Converted convertBeginning(Element body, URI base, int atLeast) {
    return convertBeginning(body, base, atLeast, null);
  }

  /**
   * The same, giving each of the body's child nodes to {@code beforeReading} just before it is
   * read, and none it does not read: a caller can prepare only what is converted.
   */
  public Converted convertBeginning(
      Element body, URI base, int atLeast, Consumer<Node> beforeReading) {
    MarkdownWriter out = new MarkdownWriter(true);
    MarkdownWalk walk = new MarkdownWalk(base, out, null);
    walk.stopAfter(atLeast);
    walk.children(body, beforeReading);
    if (walk.stoppedWith() != null) {
      // tidy() changes text only by what follows it, and only at its end: a prefix stays one
      return new Converted(tidy(walk.stoppedWith()), false);
    }
    return new Converted(tidy(out.result()), true);
  }

  /**
   * Markdown from {@link #convertBeginning}.
   *
   * @param complete false when it is only the beginning of the whole markdown (of at least the
   *     length asked for before tidying)
   */
  public record Converted(String markdown, boolean complete) {}

  // Trailing spaces on lines and around the whole text serve no one.
  // In one pass, what replaceAll("[ \t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip() did;
  // what it keeps is copied a stretch at a time, and not at all when nothing goes.
  static String tidy(String markdown) {
    // Most markdown has nothing to tidy but its ends; three intrinsic searches tell.
    if (markdown.indexOf(" \n") < 0
        && markdown.indexOf("\t\n") < 0
        && markdown.indexOf("\n\n\n") < 0) {
      return markdown.strip();
    }
    StringBuilder out = null; // made at the first character that goes
    int kept = 0; // markdown before this is in out, or nothing went before it
    int newlines = 0; // at the end of what is kept
    int i = 0;
    while (i < markdown.length()) {
      char c = markdown.charAt(i);
      if (c == ' ' || c == '\t') {
        int end = i;
        while (end < markdown.length()
            && (markdown.charAt(end) == ' ' || markdown.charAt(end) == '\t')) {
          end++;
        }
        if (end == markdown.length() || markdown.charAt(end) != '\n') {
          newlines = 0;
        } else {
          out = keep(out, markdown, kept, i);
          kept = end;
        }
        i = end;
      } else if (c == '\n') {
        if (newlines >= 2) {
          out = keep(out, markdown, kept, i);
          kept = i + 1;
        }
        newlines++;
        i++;
      } else {
        newlines = 0;
        i++;
      }
    }
    String tidied = out == null ? markdown : keep(out, markdown, kept, i).toString();
    return tidied.strip();
  }

  /** {@code out} with {@code text[from, to)} appended; made when null. */
  private static StringBuilder keep(StringBuilder out, String text, int from, int to) {
    StringBuilder kept = out != null ? out : new StringBuilder(text.length());
    return kept.append(text, from, to);
  }

  /**
   * Every run of whitespace ({@code \s} of a regex, and the no-break space) as one space: what
   * {@code replaceAll("[\\s\\u00A0]+", " ")} did, without a regex on every text node.
   */
  public static String collapseWhitespace(String raw) {
    // Most text has only single spaces: it is returned as it is, and otherwise copied a word at a
    // time rather than a character at a time.
    StringBuilder out = null; // made at the first whitespace that changes
    int kept = 0; // raw before this is in out, or unchanged
    int i = 0;
    while (i < raw.length()) {
      if (!collapses(raw.charAt(i))) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < raw.length() && collapses(raw.charAt(end))) {
        end++;
      }
      if (end - i > 1 || raw.charAt(i) != ' ') {
        out = keep(out, raw, kept, i).append(' ');
        kept = end;
      }
      i = end;
    }
    return out == null ? raw : keep(out, raw, kept, raw.length()).toString();
  }

  // space, \t \n \u000B \f \r (one range), no-break space
  private static boolean collapses(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00A0';
  }

  /**
   * The first place at or after {@code from} where a text can be cut in two so that writing the
   * pieces one after the other gives the markdown the whole text gives, and the markdown written up
   * to the cut is a beginning of it; the text's length when there is none. The cut is at one
   * whitespace character between two characters that are neither whitespace nor a no-break space
   * (nor {@link String#strip} whitespace), after a character that is not "@". So: collapsing,
   * stripping and the space between the pieces come out the same; the text before the cut is
   * followed by a space, which no bare URL, mention or line-start marker spans; and it does not end
   * with the "@" that {@link DiscordMarkdown} breaks only at the end of a text.
   */
  static int pieceEnd(String raw, int from) {
    for (int i = Math.max(from, 1); i + 1 < raw.length(); i++) {
      if (collapses(raw.charAt(i))
          && solid(raw.charAt(i - 1))
          && raw.charAt(i - 1) != '@'
          && solid(raw.charAt(i + 1))) {
        return i;
      }
    }
    return raw.length();
  }

  private static boolean solid(char c) {
    return !collapses(c) && !Character.isWhitespace(c);
  }
}
