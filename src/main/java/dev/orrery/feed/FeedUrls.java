package dev.orrery.feed;

import java.net.URI;
import java.util.Locale;
import okhttp3.HttpUrl;

/** Which URLs the fetcher agrees to request at all, before any address is looked at. */
final class FeedUrls {
  static final int MAX_LENGTH = 2048;

  private FeedUrls() {}

  /**
   * Why the URL is refused ("refused: file: URLs are not allowed, only http and https"), or null.
   */
  static String refusal(URI url) {
    if (url == null) {
      return "refused: no URL";
    }
    String text = url.toString();
    if (text.length() > MAX_LENGTH) {
      return "refused: the URL is longer than " + MAX_LENGTH + " characters";
    }
    String scheme = url.getScheme();
    if (scheme == null) {
      return "refused: " + text + " is not an absolute http or https URL";
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "refused: " + scheme + ": URLs are not allowed, only http and https";
    }
    if (HttpUrl.parse(text) == null) {
      return "refused: " + text + " is not a valid URL";
    }
    return null;
  }
}
