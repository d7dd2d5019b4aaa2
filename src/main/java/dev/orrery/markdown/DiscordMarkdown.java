package dev.orrery.markdown;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escapes text for Discord so it shows as written: no formatting, no masked links, no mentions.
 * Used for feed text in summaries and for titles.
 */
public final class DiscordMarkdown {
  /** Put after an {@code @} to keep it from mentioning: a zero-width space. */
  static final char MENTION_BREAK = '\u200B';

  private static final String ALWAYS = "\\*_~`|[]<";

  /** ALWAYS as a table by character: looked up for every character of every text. */
  private static final boolean[] ESCAPED = new boolean[128];

  static {
    for (char c : ALWAYS.toCharArray()) {
      ESCAPED[c] = true;
    }
  }

  // Bare URLs stay untouched: Discord links them as they are, and a backslash would break them.
  private static final Pattern BARE_URL = Pattern.compile("https?://[^\\s<>\"\\\\`|\\[\\]]+");
  private static final Pattern ORDERED_MARKER = Pattern.compile("^(\\d+)\\.");

  private DiscordMarkdown() {}

  /** The text escaped as a whole: every line of it may start a markdown block. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      escapeLine(out, lines[i], true);
    }
    return out.toString();
  }

  /**
   * One line of text escaped.
   *
   * @param atLineStart whether the text begins a line, where "#", "-", "&gt;" and "1." start blocks
   */
  static String escape(String line, boolean atLineStart) {
    StringBuilder out = new StringBuilder(line.length() + 8);
    escapeLine(out, line, atLineStart);
    return out.toString();
  }

  /** {@link #escape(String, boolean)} appended to {@code out}. */
  static void escapeLine(StringBuilder out, String line, boolean atLineStart) {
    // Every bare URL holds "http": without it, the regex's search through the line is spared.
    Matcher url = line.contains("http") ? BARE_URL.matcher(line) : null;
    int done = 0;
    while (url != null && url.find()) {
      escapeText(out, line.substring(done, url.start()), atLineStart && done == 0);
      // A mention inside a URL stays: it cannot ping (allowed mentions are off) and a break in it
      // would change where the link goes.
      out.append(url.group());
      done = url.end();
    }
    escapeText(out, line.substring(done), atLineStart && done == 0);
  }

  private static void escapeText(StringBuilder out, String text, boolean atLineStart) {
    if (text.isEmpty()) {
      return;
    }
    if (!mayMention(text)) {
      escapeInto(out, text, atLineStart); // escaping adds backslashes only, never a mention
    } else {
      StringBuilder escaped = new StringBuilder(text.length() + 8);
      escapeInto(escaped, text, atLineStart);
      out.append(neutraliseMentions(escaped.toString()));
    }
  }

  private static void escapeInto(StringBuilder out, String text, boolean atLineStart) {
    int start = atLineStart ? escapeLineStartInto(out, text) : 0;
    // copied a stretch at a time between the characters that take a backslash
    int kept = start;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < ESCAPED.length && ESCAPED[c]) {
        out.append(text, kept, i).append('\\');
        kept = i;
      }
    }
    out.append(text, kept, text.length());
  }

  /**
   * Markdown made to begin a line, where "#", "-", "&gt;", "+" and "1." start blocks: what was
   * written inside a line and now begins one (the rest of a summary whose first link was cut).
   */
  static String escapeLineStart(String markdown) {
    StringBuilder out = new StringBuilder(markdown.length() + 1);
    int start = escapeLineStartInto(out, markdown);
    return out.append(markdown, start, markdown.length()).toString();
  }

  /**
   * Appends the text's indent and its line-start marker escaped, if it has one.
   *
   * @return where the rest of the text starts
   */
  private static int escapeLineStartInto(StringBuilder out, String text) {
    int indent = 0;
    while (indent < text.length() && text.charAt(indent) == ' ') {
      indent++;
    }
    out.append(text, 0, indent);
    int start = indent;
    if (start < text.length()) {
      char first = text.charAt(start);
      // Only a line that starts with a digit can be "1." (the check spares a copy and a scan)
      Matcher ordered =
          first >= '0' && first <= '9' ? ORDERED_MARKER.matcher(text.substring(start)) : null;
      if (first == '#' || first == '>' || first == '-' || first == '+') {
        out.append('\\').append(first);
        start++;
      } else if (ordered != null && ordered.find()) {
        out.append(ordered.group(1)).append("\\.");
        start += ordered.end();
      }
    }
    return start;
  }

  /** Whether {@link #neutraliseMentions} could change the text: it holds an "@" or a "&lt;". */
  private static boolean mayMention(String text) {
    return text.indexOf('@') >= 0 || text.indexOf('<') >= 0;
  }

  /**
   * "@everyone", "@here" and "&lt;@123&gt;"-style mentions broken with a zero-width space. So is an
   * "@" that ends the text: what comes next (a bold "everyone", a link) is written apart from it.
   */
  static String neutraliseMentions(String text) {
    if (!mayMention(text)) {
      return text;
    }
    String broken =
        text.replace("@everyone", "@" + MENTION_BREAK + "everyone")
            .replace("@here", "@" + MENTION_BREAK + "here")
            .replace("<@", "<@" + MENTION_BREAK)
            .replace("<#", "<#" + MENTION_BREAK);
    return broken.endsWith("@") ? broken + MENTION_BREAK : broken;
  }
}
