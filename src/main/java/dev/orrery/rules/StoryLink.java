package dev.orrery.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The identity of a story by its link, so the same post reaching a channel through two sources is
 * recognised as one.
 */
public final class StoryLink {
  /** Query parameters that say how a reader arrived, not what they read (compared in any case). */
  private static final Set<String> TRACKING =
      Set.of(
          "fbclid", "gclid", "mc_cid", "mc_eid", "ref", "ref_src", "igshid", "_hsenc", "_hsmi",
          "mkt_tok", "yclid", "dclid", "msclkid");

  private StoryLink() {}

  /**
   * The canonical form of {@code url}, equal for two links to the same story; null when it is null,
   * blank, not http(s) or not readable by {@link URI}.
   *
   * <p>The scheme becomes https, since planets often list the same post once over http and once
   * over https; the host is lower-cased, a default port (80 for http, 443 for https), the fragment
   * and a trailing slash of the path are dropped ({@code https://a.com/} is {@code https://a.com});
   * tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, {@code ref} and the like)
   * are removed, the others kept in their order, and an empty query dropped. Percent-encoding is
   * left as it is.
   */
  public static String normalise(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return null;
    }
    StringBuilder canonical = new StringBuilder("https://");
    if (uri.getRawUserInfo() != null) {
      canonical.append(uri.getRawUserInfo()).append('@');
    }
    canonical.append(uri.getHost().toLowerCase(Locale.ROOT));
    int port = uri.getPort();
    if (port != -1 && port != (scheme.equals("http") ? 80 : 443)) {
      canonical.append(':').append(port);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    canonical.append(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    String query = withoutTracking(uri.getRawQuery());
    if (!query.isEmpty()) {
      canonical.append('?').append(query);
    }
    return canonical.toString();
  }

  /** The query's parameters but the tracking ones and the empty ones, in their order. */
  private static String withoutTracking(String query) {
    StringJoiner kept = new StringJoiner("&");
    if (query != null) {
      for (String parameter : query.split("&")) {
        String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
        if (!parameter.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
          kept.add(parameter);
        }
      }
    }
    return kept.toString();
  }
}
