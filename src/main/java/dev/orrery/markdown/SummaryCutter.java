package dev.orrery.markdown;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts markdown to a length at a word boundary and ends it with "…", never inside a link, a code
 * span, a code block or an escape, so what remains still renders as intended.
 */
public final class SummaryCutter {
  private static final String ELLIPSIS = "…";

  /** How far past a position the scan for spans may look ("<http" is the farthest). */
  private static final int LOOK_AHEAD = 8;

  /** A link's end when the text ends before it: no link in a whole text, unknown in a beginning. */
  private static final int UNENDED = -2;

  /** The markdown unchanged when it fits, else cut so that the result, "…" included, fits. */
  public String cut(String markdown, int maxLength) {
    return cut(markdown, maxLength, true);
  }

  /**
   * What {@link #cut} gives for a markdown that begins with {@code beginning}, when the beginning
   * alone decides it; null when what follows could change the cut (it might all fit, or a code span
   * or link open before the cut closes only after the beginning ends).
   */
  public String cutBeginning(String beginning, int maxLength) {
    return cut(beginning, maxLength, false);
  }

  /**
   * @param complete false when {@code markdown} is only the beginning of the text: then null
   *     whenever the rest could change the result
   */
  private static String cut(String markdown, int maxLength, boolean complete) {
    if (markdown.length() <= maxLength) {
      return complete ? markdown : null;
    }
    List<Span> spans = spans(markdown, maxLength, complete);
    if (spans == null) {
      return null;
    }
    // Room for closing a bold or italic run the cut leaves open ("***" at most).
    for (int reserve = 0; reserve <= 3; reserve++) {
      int limit = maxLength - ELLIPSIS.length() - reserve;
      int cut = wordBoundary(markdown, limit, spans);
      if (cut <= 0) {
        return cutInsideFirst(markdown, maxLength - ELLIPSIS.length(), spans, complete);
      }
      String kept = markdown.substring(0, cut).stripTrailing();
      String closing = openEmphasis(kept, spans);
      if (closing.length() <= reserve) {
        return kept + closing + ELLIPSIS;
      }
    }
    throw new IllegalStateException("unreachable: a reserve of 3 closes any emphasis");
  }

  /** The markers that close the bold and italic runs left open in {@code kept}, outside spans. */
  private static String openEmphasis(String kept, List<Span> spans) {
    boolean bold = false;
    boolean italic = false;
    int next = 0; // the first span not yet passed
    for (int i = 0; i < kept.length(); i++) {
      while (next < spans.size() && spans.get(next).start < i) {
        next++;
      }
      if (next < spans.size() && spans.get(next).start == i) {
        i = spans.get(next).end - 1;
      } else if (kept.charAt(i) == '*') {
        if (kept.startsWith("**", i)) {
          bold = !bold;
          i++;
        } else {
          italic = !italic;
        }
      }
    }
    return (italic ? "*" : "") + (bold ? "**" : "");
  }

  /** The last word boundary at or before {@code limit} outside every span; 0 when none. */
  private static int wordBoundary(String text, int limit, List<Span> spans) {
    for (int i = limit; i > 0; i--) {
      if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
        Span span = spanAt(spans, i);
        if (span == null) {
          return i;
        }
        i = span.start + 1; // continue before the span
      }
    }
    // One long word: cut anywhere outside spans and surrogate pairs.
    int i = limit;
    Span span = spanAt(spans, i);
    if (span != null) {
      i = span.start;
    }
    if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i))) {
      i--;
    }
    return i;
  }

  /**
   * Nothing fits before the first span: cut inside it and close it (a code block or span), keep a
   * link's text alone, or leave out an address too long to show.
   */
  private static String cutInsideFirst(String text, int limit, List<Span> spans, boolean complete) {
    Span first = spans.isEmpty() ? null : spans.get(0);
    if (first == null || first.start > 0) {
      return text.substring(0, Math.max(0, limit)) + ELLIPSIS;
    }
    String closing = first.kind == Kind.FENCE ? "\n```" : first.kind == Kind.CODE ? "`" : "";
    int room = limit - closing.length();
    if (first.kind == Kind.LINK && text.charAt(0) == '<') {
      // an address shown as itself: a part of it would link elsewhere, so what follows it is kept,
      // now at the start of a line
      String rest = DiscordMarkdown.escapeLineStart(text.substring(first.end).stripLeading());
      return cut(rest, limit + ELLIPSIS.length(), complete);
    }
    if (first.kind == Kind.LINK) {
      String linkText = text.substring(1, closingBracket(text, first.start));
      String kept = DiscordMarkdown.escapeLineStart(linkText + text.substring(first.end));
      return cut(kept, limit + ELLIPSIS.length(), complete);
    }
    String inside = text.substring(0, Math.max(0, room));
    int lineEnd = inside.lastIndexOf('\n');
    if (first.kind == Kind.FENCE && lineEnd > 3) {
      inside = inside.substring(0, lineEnd);
    }
    return inside.stripTrailing() + ELLIPSIS + closing;
  }

  /** The span {@code index} is strictly inside, or null; by binary search (spans are in order). */
  private static Span spanAt(List<Span> spans, int index) {
    int low = 0;
    int high = spans.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      Span span = spans.get(middle);
      if (span.end <= index) {
        low = middle + 1;
      } else if (span.start >= index) {
        high = middle - 1;
      } else {
        return span;
      }
    }
    return null;
  }

  /**
   * Escapes, fenced blocks, code spans, links and autolinks, in order: those that start at or
   * before {@code limit}, the only ones a cut there can meet.
   */
  static List<Span> spans(String text, int limit) {
    return spans(text, limit, true);
  }

  /**
   * @param complete false when {@code text} is only a beginning: then null when a span starting at
   *     or before {@code limit} does not end within it (it might end later, or not be one)
   */
  private static List<Span> spans(String text, int limit, boolean complete) {
    // the look-aheads below read up to "<http" past a position
    if (!complete && text.length() <= limit + LOOK_AHEAD) {
      return null;
    }
    List<Span> spans = new ArrayList<>();
    int i = 0;
    while (i < text.length() && i <= limit) {
      if (!complete && i + LOOK_AHEAD >= text.length()) {
        return null;
      }
      char c = text.charAt(i);
      int end = -1;
      Kind kind = null;
      boolean open = false; // a span that does not end in the text
      if (c == '\\' && i + 1 < text.length()) {
        end = i + 2;
        kind = Kind.ESCAPE;
      } else if (c == '`' && text.startsWith("```", i)) {
        int close = text.indexOf("```", i + 3);
        end = close < 0 ? text.length() : close + 3;
        kind = Kind.FENCE;
        open = close < 0;
      } else if (c == '`') {
        int run = text.startsWith("``", i) ? 2 : 1;
        int close = text.indexOf("`".repeat(run), i + run);
        end = close < 0 ? -1 : close + run;
        kind = Kind.CODE;
        open = close < 0;
      } else if (c == '[') {
        end = linkEnd(text, i);
        kind = Kind.LINK;
        open = end == UNENDED;
      } else if (c == '<' && text.startsWith("http", i + 1)) {
        int close = text.indexOf('>', i);
        end = close < 0 ? -1 : close + 1;
        kind = Kind.LINK;
        open = close < 0;
      }
      if (open && !complete) {
        return null;
      }
      if (end > i) {
        spans.add(new Span(i, end, kind));
        i = end;
      } else {
        i++;
      }
    }
    return spans;
  }

  /** The end of the link opening at {@code open}; -1 when it is none, UNENDED when unclosed. */
  private static int linkEnd(String text, int open) {
    int bracket = closingBracket(text, open);
    if (bracket < 0 || bracket + 1 == text.length()) {
      return UNENDED;
    }
    if (!text.startsWith("(", bracket + 1)) {
      return -1;
    }
    int close = text.indexOf(')', bracket + 2);
    return close < 0 ? UNENDED : close + 1;
  }

  /** The unescaped ']' closing the '[' at {@code open}, or -1. */
  private static int closingBracket(String text, int open) {
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  enum Kind {
    ESCAPE,
    FENCE,
    CODE,
    LINK
  }

  record Span(int start, int end, Kind kind) {}
}
