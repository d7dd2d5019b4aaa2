package dev.orrery.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * One REST request the emulator answered: method, path below {@code /api/v10/} (query string
 * separate), body, the headers of interest, when it arrived and what status it got.
 */
public record RecordedRequest(
    Instant receivedAt,
    String method,
    String path,
    String query,
    String body,
    Map<String, String> headers,
    int status) {

  public boolean matches(String pattern) {
    return RequestPattern.of(pattern).matches(method, path);
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status;
  }
}
