package dev.orrery.testing;

/** Feeds written to hurt a reader, made on the spot. */
public final class HostileFeeds {
  private HostileFeeds() {}

  /** An RSS 2.0 feed of one item whose description holds {@code depth} nested divs. */
  public static String rssWithNestedDescription(int depth) {
    return "<rss version=\"2.0\"><channel><title>t</title><link>https://deep.example/</link>"
        + "<item><title>deep</title><description>"
        + "<div>".repeat(depth)
        + "bottom"
        + "</div>".repeat(depth)
        + "</description></item></channel></rss>";
  }
}
