package dev.orrery.markdown;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;

/** Makes links absolute and comparable: resolved against a base, http and https only. */
public final class Links {
  private Links() {}

  /**
   * The link resolved against {@code base} in canonical form (lowercase scheme and host, default
   * port dropped, unsafe characters percent-encoded), or null when blank or not http(s).
   */
  public static String absolute(String link, URI base) {
    String asWritten = canonicalAsWritten(link);
    if (asWritten != null) {
      return asWritten;
    }
    HttpUrl url = resolve(link, base);
    return url == null ? null : withEncodedFragment(url.toString());
  }

  /**
   * {@link #absolute}, with the link also as a {@link URI} to resolve what its page links to
   * against: OkHttp's conversion, because java.net.URI rejects characters OkHttp leaves in queries.
   * Null when {@link #absolute} gives null.
   */
  public static Absolute absoluteWithUri(String link, URI base) {
    String canonical = canonicalAsWritten(link);
    HttpUrl url = null;
    if (canonical == null) {
      url = resolve(link, base);
      if (url == null) {
        return null;
      }
      canonical = url.toString();
    }
    String absolute = withEncodedFragment(canonical);
    return new Absolute(absolute, uri(absolute, canonical, url));
  }

  /**
   * The link stripped when OkHttp would write it back as it is ({@link CanonicalUrls}), else null.
   */
  private static String canonicalAsWritten(String link) {
    String stripped = link == null ? null : link.strip();
    return stripped != null && CanonicalUrls.isCanonical(stripped) ? stripped : null;
  }

  /**
   * The link as a URI, as OkHttp converts it ({@code url}: OkHttp's reading of {@code canonical},
   * null when not read): OkHttp re-encodes only what RFC 2396 forbids, which java.net.URI refuses,
   * so a text java.net.URI reads as it is needs no conversion. That is nearly every link, and
   * OkHttp's conversion, which rebuilds the whole URL, cost as much as parsing it.
   */
  private static URI uri(String absolute, String canonical, HttpUrl url) {
    try {
      return new URI(absolute);
    } catch (URISyntaxException e) {
      // parsed (again) only when not parsed yet or the fragment changed (OkHttp's text of an odd
      // host such as "xn--<|" does not even read back as a URL)
      HttpUrl parsed = url != null && absolute.equals(canonical) ? url : HttpUrl.parse(absolute);
      try {
        return parsed == null ? null : parsed.uri();
      } catch (RuntimeException refused) {
        // OkHttp keeps what java.net.URI refuses, such as a '%' without two hex digits in the user
        // info
        return null;
      }
    }
  }

  /**
   * A link from {@link #absoluteWithUri}.
   *
   * @param link what {@link #absolute} gives
   * @param uri the same address as a URI, or null when java.net.URI cannot hold it
   */
  public record Absolute(String link, URI uri) {}

  /**
   * OkHttp encodes the path and query but leaves a fragment nearly as written: spaces, C1 controls,
   * bidi overrides, "&lt;" and "&gt;" that would end an autolink in a message early. The fragment
   * is made what RFC 3986 allows, the rest percent-encoded as UTF-8 (browsers match it the same).
   */
  private static String withEncodedFragment(String url) {
    int hash = url.indexOf('#'); // a '#' in the path or query is already %23
    if (hash < 0 || url.chars().skip(hash + 1).allMatch(Links::allowedInFragment)) {
      return url;
    }
    StringBuilder out = new StringBuilder(url.length() + 16).append(url, 0, hash + 1);
    url.substring(hash + 1)
        .codePoints()
        .forEach(
            c -> {
              if (allowedInFragment(c)) {
                out.append((char) c);
              } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                  out.append('%').append(String.format("%02X", b & 0xFF));
                }
              }
            });
    return out.toString();
  }

  private static boolean allowedInFragment(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~!$&'()*+,;=:@/?%".indexOf(c) >= 0;
  }

  /**
   * The link as an identity: absolute, without fragment and without an empty query, so the same
   * post is one key whichever way the feed writes its link. Non-http links are kept as written.
   */
  public static String normalized(String link, URI base) {
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
