package dev.orrery.feed;

/**
 * A feed an OPML file lists: the outline's {@code xmlUrl} as written, its title and site, and the
 * settings Orrery wrote beside it in its own namespace.
 *
 * @param title the outline's title, else its text, or null
 * @param siteUrl the outline's {@code htmlUrl}, or null
 */
public record OpmlFeed(String url, String title, String siteUrl, Settings settings) {

  /**
   * Orrery's own attributes of a feed's outline, as written (each null when absent): whoever
   * applies them checks them.
   *
   * @param embed "true" or "false"
   * @param name the webhook name to post under
   * @param avatar the webhook avatar's URL
   * @param digest "daily 08:00 Europe/Paris" or "weekly 09:30 UTC"
   */
  public record Settings(
      String filter, String template, String embed, String name, String avatar, String digest) {
    public static final Settings NONE = new Settings(null, null, null, null, null, null);
  }
}
