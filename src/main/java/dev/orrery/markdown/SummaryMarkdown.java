package dev.orrery.markdown;

import java.net.URI;
import java.util.function.Consumer;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * An entry's summary: its HTML as markdown, cut to length, converting only as much of a long post
 * as the cut needs. The result is always what cutting the whole post's markdown gives.
 */
public final class SummaryMarkdown {
  private final HtmlToMarkdown htmlToMarkdown = new HtmlToMarkdown();
  private final SummaryCutter cutter = new SummaryCutter();

  /**
   * @param body the entry's HTML parsed as a fragment's body (only read)
   * @param base the address relative links are resolved against
   */
  public String summary(Element body, URI base, int maxLength) {
    return summary(body, base, maxLength, node -> {});
  }

  /**
   * The same, giving each of the body's child nodes to {@code beforeReading} once, before it is
   * first read, and none that is not read: the summary is the one of a body where every child node
   * went through it.
   *
   * @param beforeReading may change the node's own subtree, not its siblings
   */
  public String summary(Element body, URI base, int maxLength, Consumer<Node> beforeReading) {
    FirstReading firstReading = new FirstReading(beforeReading);
    // a little more than is kept decides the cut: links and code spans are written whole, so only
    // a beginning that tidying shrank (blank lines in a <pre>) can fall short; then each retry
    // converts four times as much (at most a third more work than converting the whole post once)
    int enough = maxLength + 200;
    while (true) {
      HtmlToMarkdown.Converted beginning =
          htmlToMarkdown.convertBeginning(body, base, enough, firstReading);
      if (beginning.complete()) {
        return cutter.cut(beginning.markdown(), maxLength);
      }
      String cut = cutter.cutBeginning(beginning.markdown(), maxLength);
      if (cut != null) {
        return cut;
      }
      enough = enough > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : enough * 4;
    }
  }

  /**
   * Hands each child node over once though a retry reads the body again from its start: the walk
   * reads the children in order, so those before the next one to hand over were handed already.
   */
  private static final class FirstReading implements Consumer<Node> {
    private final Consumer<Node> beforeReading;
    private int next;

    FirstReading(Consumer<Node> beforeReading) {
      this.beforeReading = beforeReading;
    }

    @Override
    public void accept(Node child) {
      if (child.siblingIndex() >= next) {
        beforeReading.accept(child);
        next = child.siblingIndex() + 1;
      }
    }
  }
}
