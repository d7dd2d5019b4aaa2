package dev.orrery.emulator;

import java.util.Arrays;
import java.util.Locale;

/**
 * Matches requests by method and path, e.g. {@code "POST channels/*\/messages"}; {@code *} is one
 * path segment.
 */
public final class RequestPattern {
  private static final RequestPattern ANY = new RequestPattern(null, null);

  private final String method;
  private final String[] segments;

  private RequestPattern(String method, String[] segments) {
    this.method = method;
    this.segments = segments;
  }

  /** Every request. */
  public static RequestPattern any() {
    return ANY;
  }

  /** Parses {@code "METHOD path/with/*"}; the method may be {@code *}. */
  public static RequestPattern of(String pattern) {
    String[] parts = pattern.trim().split("\\s+", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected \"METHOD path\", got: " + pattern);
    }
    String method = parts[0].equals("*") ? null : parts[0].toUpperCase(Locale.ROOT);
    return new RequestPattern(method, split(parts[1]));
  }

  boolean matches(String requestMethod, String path) {
    if (method != null && !method.equals(requestMethod)) {
      return false;
    }
    if (segments == null) {
      return true;
    }
    String[] actual = split(path);
    if (actual.length != segments.length) {
      return false;
    }
    for (int i = 0; i < actual.length; i++) {
      if (!segments[i].equals("*") && !segments[i].equals(actual[i])) {
        return false;
      }
    }
    return true;
  }

  private static String[] split(String path) {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }

  @Override
  public String toString() {
    return segments == null
        ? "any request"
        : (method == null ? "*" : method) + " " + String.join("/", segments);
  }
}
