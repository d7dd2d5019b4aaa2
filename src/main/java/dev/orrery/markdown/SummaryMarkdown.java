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
    // twice the length, and room for a long link, lets the beginning decide almost every cut
    int enough = 2 * maxLength + 256;
    HtmlToMarkdown.Converted beginning = htmlToMarkdown.convertBeginning(body, base, enough);
    if (beginning.complete()) {
      return cutter.cut(beginning.markdown(), maxLength);
    }
    String cut = cutter.cutBeginning(beginning.markdown(), maxLength);
    return cut != null ? cut : cutter.cut(htmlToMarkdown.convert(body, base), maxLength);
  }
}
