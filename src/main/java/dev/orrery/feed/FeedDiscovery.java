package dev.orrery.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the feeds a web page offers: its {@code <link rel="alternate">} elements for RSS, Atom and
 * JSON Feed, made absolute against the page. People paste a blog's home page, not its feed.
 */
public final class FeedDiscovery {
  private static final Set<String> READABLE =
      Set.of("application/rss+xml", "application/atom+xml", "application/rdf+xml");
  private static final String JSON_FEED = "application/feed+json";

  private FeedDiscovery() {}

  /**
   * A feed a page links to.
   *
   * @param readable false for a JSON Feed, which Orrery cannot read
   */
  public record Offered(String url, boolean readable) {}

  /** The feeds the page links to, in page order; empty when it links to none or is no HTML. */
  public static List<Offered> offered(FetchResult.Fetched page) {
    if (!looksLikeHtml(page)) {
      return List.of();
    }
    Document document;
    try {
      document = Jsoup.parse(new ByteArrayInputStream(page.body()), null, page.url().toString());
    } catch (IOException e) {
      return List.of();
    }
    List<Offered> offered = new ArrayList<>();
    for (Element link : document.select("link[rel~=(?i)^alternate$][type][href]")) {
      String type = link.attr("type").strip().toLowerCase(Locale.ROOT);
      String url = link.absUrl("href");
      boolean readable = READABLE.contains(type);
      if ((readable || type.equals(JSON_FEED))
          && (url.startsWith("http://") || url.startsWith("https://"))
          && offered.stream().noneMatch(o -> o.url().equals(url))) {
        offered.add(new Offered(url, readable));
      }
    }
    return offered;
  }

  /** Whether the body is an HTML page, by its Content-Type or its first tag. */
  public static boolean looksLikeHtml(FetchResult.Fetched page) {
    String type = page.contentType() == null ? "" : page.contentType().toLowerCase(Locale.ROOT);
    if (type.contains("html")) {
      return true;
    }
    int head = Math.min(page.body().length, 1024);
    return Prolog.isHtml(new String(page.body(), 0, head, StandardCharsets.ISO_8859_1));
  }
}
