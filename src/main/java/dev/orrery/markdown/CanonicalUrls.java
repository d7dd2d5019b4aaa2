package dev.orrery.markdown;

/**
 * Recognises an http(s) URL that OkHttp writes back exactly as given: lowercase scheme and host
 * name, no user info, port or fragment, a path (not empty) and a query of characters OkHttp leaves
 * as they are, well-formed percent escapes included, and no dot segment. Most links in feeds are
 * written so, and for them OkHttp's parse, a few microseconds per link, is spared. Anything else,
 * an IDN host, an IP address or a doubtful character, is left to OkHttp.
 */
final class CanonicalUrls {
  private static final int MAX_LABEL = 63;
  private static final int MAX_HOST = 253;

  private CanonicalUrls() {}

  static boolean isCanonical(String url) {
    int start;
    if (url.startsWith("https://")) {
      start = 8;
    } else if (url.startsWith("http://")) {
      start = 7;
    } else {
      return false;
    }
    int slash = url.indexOf('/', start);
    if (slash < 0 || !isPlainHost(url, start, slash)) {
      return false; // OkHttp adds the "/" of an empty path
    }
    int query = url.indexOf('?', slash);
    int pathEnd = query < 0 ? url.length() : query;
    return isPlainPath(url, slash, pathEnd) && (query < 0 || isPlainQuery(url, query + 1));
  }

  /**
   * Lowercase letters, digits and hyphens in labels of 1 to 63 characters, none starting or ending
   * with a hyphen or holding two in a row (an "xn--" label is punycode, which OkHttp rewrites), the
   * last starting with a letter (no IP address).
   */
  private static boolean isPlainHost(String url, int from, int to) {
    if (to - from > MAX_HOST || to == from) {
      return false;
    }
    int label = from;
    for (int i = from; i <= to; i++) {
      char c = i < to ? url.charAt(i) : '.';
      if (c == '.') {
        if (i == label || i - label > MAX_LABEL || url.charAt(i - 1) == '-') {
          return false;
        }
        if (i == to && !(url.charAt(label) >= 'a' && url.charAt(label) <= 'z')) {
          return false;
        }
        label = i + 1;
      } else if (c == '-') {
        if (i == label || url.charAt(i - 1) == '-') {
          return false;
        }
      } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** From the first "/": characters OkHttp keeps in a path, and no "." or ".." segment. */
  private static boolean isPlainPath(String url, int from, int to) {
    int segment = from + 1;
    for (int i = from + 1; i <= to; i++) {
      if (i == to || url.charAt(i) == '/') {
        if (isDotSegment(url, segment, i)) {
          return false;
        }
        segment = i + 1;
      } else if (!isKept(url, i, "-._~!$&'()*+,;=:@")) {
        return false;
      }
    }
    return true;
  }

  /** What OkHttp reads as "." or "..", escaped dots included. */
  private static boolean isDotSegment(String url, int from, int to) {
    String segment = url.substring(from, to);
    return switch (segment.length()) {
      case 1 -> segment.equals(".");
      case 2 -> segment.equals("..");
      case 3 -> segment.equalsIgnoreCase("%2e");
      case 4 -> segment.equalsIgnoreCase("%2e.") || segment.equalsIgnoreCase(".%2e");
      case 6 -> segment.equalsIgnoreCase("%2e%2e");
      default -> false;
    };
  }

  /** Characters OkHttp keeps in a query: as in a path, but a quote it escapes. */
  private static boolean isPlainQuery(String url, int from) {
    for (int i = from; i < url.length(); i++) {
      if (!isKept(url, i, "-._~!$&()*+,;=:@/?")) {
        return false;
      }
    }
    return true;
  }

  /** A letter, a digit, one of {@code others}, or a '%' starting a two-digit hex escape. */
  private static boolean isKept(String url, int i, String others) {
    char c = url.charAt(i);
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    if (c == '%') {
      return i + 2 < url.length() && isHex(url.charAt(i + 1)) && isHex(url.charAt(i + 2));
    }
    return others.indexOf(c) >= 0;
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
