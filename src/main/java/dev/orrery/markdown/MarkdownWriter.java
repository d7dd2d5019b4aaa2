package dev.orrery.markdown;

/**
 * Accumulates markdown for {@link HtmlToMarkdown}: owes line breaks and spaces until real content
 * comes, so blocks never leave more than one blank line and lines never start with a space, and
 * puts the block-quote and list prefixes in front of every line. Text is escaped a run at a time,
 * not a node at a time: "@&lt;span&gt;&lt;/span&gt;everyone" is one run "@everyone", escaped as
 * one.
 */
final class MarkdownWriter {
  private final StringBuilder out = new StringBuilder();

  /** Text written since the last markup or line break, not yet escaped. */
  private final StringBuilder run = new StringBuilder();

  private boolean runStartsLine;
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
    if (!hasContent()) {
      leadingSpace = true;
    }
    owedSpace = true;
  }

  /** Text from the document, whitespace already collapsed; escaped with the rest of its run. */
  void text(String text) {
    if (text.isEmpty()) {
      return;
    }
    if (run.length() > 0 && owedNewlines == 0) {
      if (owedSpace) {
        run.append(' ');
        owedSpace = false;
      }
      run.append(text);
      return;
    }
    runStartsLine = flush();
    run.append(text);
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
    return out.length() > 0 || run.length() > 0;
  }

  boolean leadingSpace() {
    return leadingSpace;
  }

  boolean trailingSpace() {
    return owedSpace || owedNewlines > 0;
  }

  /** How much markdown is written for good: what is owed or pending is not counted. */
  int written() {
    return out.length();
  }

  /**
   * The markdown written for good so far: a prefix of {@link #result()} whatever comes next, since
   * written markdown is only ever appended to.
   */
  String writtenSoFar() {
    return out.toString();
  }

  /** How much markdown is written or pending: the text run counts as if written unescaped. */
  int writtenOrPending() {
    return out.length() + run.length();
  }

  /**
   * The markdown written so far, then the pending run escaped as if it ended here: a beginning of
   * {@link #result()} whatever comes next, provided the run goes on with a space (see {@link
   * HtmlToMarkdown#pieceEnd}). No bare URL, mention or line-start marker spans that space, and the
   * run does not end with "@", so escaping this part of the run alone gives the beginning of what
   * escaping the whole run gives.
   */
  String writtenWithRunSoFar() {
    return out + DiscordMarkdown.escape(run.toString(), runStartsLine);
  }

  String result() {
    writeRun();
    return out.toString();
  }

  private void writeRun() {
    if (run.length() > 0) {
      DiscordMarkdown.escapeLine(out, run.toString(), runStartsLine);
      run.setLength(0);
    }
  }

  // Ends the text run, then pays what is owed before content; true when the content starts a line.
  private boolean flush() {
    writeRun();
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
