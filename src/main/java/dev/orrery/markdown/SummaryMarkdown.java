package dev.orrery.markdown;

import java.net.URI;
import java.util.function.Consumer;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * An entry's summary: its HTML as markdown, cut to length, parsing and converting only as much of a
 * long post as the cut needs. The result is always what cutting the whole post's markdown gives.
 */
public final class SummaryMarkdown {
  private final HtmlToMarkdown htmlToMarkdown = new HtmlToMarkdown();
  private final SummaryCutter cutter = new SummaryCutter();

  /**
   * @param post the entry's HTML, parsed here only as far as the summary reads it
   * @param base the address relative links are resolved against
   */
  public String summary(PostHtml post, URI base, int maxLength) {
    return summary(post, base, maxLength, node -> {});
  }

  /**
   * The same, giving each child node of the parsed body to {@code beforeReading} once, before it is
   * first read, and none that is not read: the summary is the one of a body where every child node
   * went through it.
   *
   * @param beforeReading may change the node's own subtree, not its siblings
   */
  public String summary(PostHtml post, URI base, int maxLength, Consumer<Node> beforeReading) {
    // a little more than is kept decides the cut: links and code spans are written whole, so only
    // a beginning that tidying shrank (blank lines in a <pre>) can fall short; then each retry
    // converts four times as much (at most a third more work than converting the whole post once)
    int enough = (int) Math.min(maxLength + 200L, Integer.MAX_VALUE);
    // HTML twice as long as the markdown needed holds it for nearly every post (markup is most of
    // what HTML has more); when it does not, as in a post wrapped in one element, the whole is
    // parsed: growing the beginning step by step could parse a long post twice over
    long length = 2L * enough;
    FirstReading firstReading = null;
    while (true) {
      Element body = post.beginning((int) Math.min(length, Integer.MAX_VALUE));
      if (firstReading == null || firstReading.body != body) {
        firstReading = new FirstReading(body, post.settledChildren(), beforeReading);
      }
      HtmlToMarkdown.Converted beginning =
          htmlToMarkdown.convertBeginning(body, base, enough, firstReading);
      if (!post.isWhole() && (firstReading.readUnsettled || beginning.complete())) {
        length = Long.MAX_VALUE; // the walk needed what more HTML may change
        continue;
      }
      if (beginning.complete()) {
        return cutter.cut(beginning.markdown(), maxLength);
      }
      String cut = cutter.cutBeginning(beginning.markdown(), maxLength);
      if (cut != null) {
        return cut;
      }
      enough = enough > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : enough * 4;
      length = Math.max(length, 2L * enough);
    }
  }

  /**
   * Hands each child node of one parsed body over once though a retry reads it again from its
   * start: the walk reads the children in order, so those before the next one to hand over were
   * handed already. Notes a read of a child that is not settled.
   */
  private static final class FirstReading implements Consumer<Node> {
    private final Element body;
    private final int settled;
    private final Consumer<Node> beforeReading;
    private int next;

    /** Whether the walk read a child the rest of the HTML may still change. */
    private boolean readUnsettled;

    FirstReading(Element body, int settled, Consumer<Node> beforeReading) {
      this.body = body;
      this.settled = settled;
      this.beforeReading = beforeReading;
    }

    @Override
    public void accept(Node child) {
      if (child.siblingIndex() >= settled) {
        readUnsettled = true;
      }
      if (child.siblingIndex() >= next) {
        beforeReading.accept(child);
        next = child.siblingIndex() + 1;
      }
    }
  }
}
