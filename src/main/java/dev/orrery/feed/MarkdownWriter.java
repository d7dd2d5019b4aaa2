package dev.orrery.feed;

/**
 * Accumulates markdown for {@link HtmlToMarkdown}: owes line breaks and spaces until real content
 * comes, so blocks never leave more than one blank line and lines never start with a space, and
 * puts the block-quote and list prefixes in front of every line.
 */
final class MarkdownWriter {
  private final StringBuilder out = new StringBuilder();
  private int owedNewlines;
  private boolean owedSpace;
  private boolean leadingSpace;
  private boolean atLineStart;
  private String prefix = "";
  private String firstLinePrefix;
  private int quoteDepth;
  private boolean lastLineQuoted;

  /**
   * @param startsLine false for the inside of an inline element, which never begins a line
   */
  MarkdownWriter(boolean startsLine) {
    this.atLineStart = startsLine;
  }

  /** At least {@code newlines} line breaks before the next content (2 = a blank line). */
  void breakLines(int newlines) {
    owedNewlines = Math.max(owedNewlines, newlines);
    owedSpace = false;
  }

  void space() {
    if (out.length() == 0) {
      leadingSpace = true;
    }
    owedSpace = true;
  }

  /** Text from the document, whitespace already collapsed; escaped here. */
  void text(String text) {
    if (text.isEmpty()) {
      return;
    }
    boolean lineStart = flush();
    out.append(DiscordMarkdown.escape(text, lineStart));
  }

  /** Markdown written as is; may hold line breaks, each followed by the line prefix. */
  void markdown(String markdown) {
    if (markdown.isEmpty()) {
      return;
    }
    flush();
    out.append(markdown.replace("\n", "\n" + prefix));
    atLineStart = markdown.endsWith("\n");
  }

  String prefix() {
    return prefix;
  }

  void prefix(String prefix) {
    this.prefix = prefix;
  }

  /** The next line starts with {@code marker} (a list bullet) instead of the usual prefix. */
  void firstLinePrefix(String marker) {
    this.firstLinePrefix = marker;
  }

  void enterQuote() {
    quoteDepth++;
  }

  void leaveQuote() {
    quoteDepth--;
  }

  boolean hasContent() {
    return out.length() > 0;
  }

  boolean leadingSpace() {
    return leadingSpace;
  }

  boolean trailingSpace() {
    return owedSpace || owedNewlines > 0;
  }

  String result() {
    return out.toString();
  }

  // Pays what is owed before content; true when the content starts a line.
  private boolean flush() {
    if (out.length() > 0 && owedNewlines > 0) {
      // Discord has no blank lines inside a quote: a blank line would end it.
      int newlines = quoteDepth > 0 && lastLineQuoted ? 1 : Math.min(owedNewlines, 2);
      out.append("\n".repeat(newlines));
      atLineStart = true;
    }
    boolean lineStart = atLineStart;
    if (atLineStart) {
      out.append(firstLinePrefix != null ? firstLinePrefix : prefix);
      firstLinePrefix = null;
      atLineStart = false;
    } else if (owedSpace && out.length() > 0) {
      out.append(' ');
    }
    owedNewlines = 0;
    owedSpace = false;
    lastLineQuoted = quoteDepth > 0;
    return lineStart;
  }
}
