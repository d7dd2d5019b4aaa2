package dev.orrery.feed;

import java.net.URI;
import okhttp3.HttpUrl;

/** Makes links absolute and comparable: resolved against a base, http and https only. */
final class Links {
  private Links() {}

  /**
   * The link resolved against {@code base} in canonical form (lowercase scheme and host, default
   * port dropped, unsafe characters percent-encoded), or null when blank or not http(s).
   */
  static String absolute(String link, URI base) {
    HttpUrl url = resolve(link, base);
    return url == null ? null : url.toString();
  }

  /**
   * The link as an identity: absolute, without fragment and without an empty query, so the same
   * post is one key whichever way the feed writes its link. Non-http links are kept as written.
   */
  static String normalized(String link, URI base) {
    HttpUrl url = resolve(link, base);
    if (url == null) {
      return link == null || link.isBlank() ? null : link.strip();
    }
    HttpUrl.Builder builder = url.newBuilder().fragment(null);
    if (url.encodedQuery() != null && url.encodedQuery().isEmpty()) {
      builder.query(null);
    }
    return builder.build().toString();
  }

  private static HttpUrl resolve(String link, URI base) {
    if (link == null || link.isBlank()) {
      return null;
    }
    String trimmed = link.strip();
    HttpUrl absolute = HttpUrl.parse(trimmed);
    if (absolute != null || base == null) {
      return absolute;
    }
    HttpUrl baseUrl = HttpUrl.parse(base.toString());
    return baseUrl == null ? null : baseUrl.resolve(trimmed);
  }
}
