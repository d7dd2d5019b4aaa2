package dev.orrery.markdown;

import java.net.URI;
import org.jsoup.nodes.Element;

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
    // a little more than is kept decides most cuts; a link or code span across the cut may need
    // more, so each retry converts four times as much (at most a third more work than converting
    // the whole post once)
    int enough = maxLength + 200;
    while (true) {
      HtmlToMarkdown.Converted beginning = htmlToMarkdown.convertBeginning(body, base, enough);
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
}
