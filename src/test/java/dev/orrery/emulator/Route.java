package dev.orrery.emulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One REST endpoint: method, path template such as {@code channels/{channel_id}/messages}, its
 * rate-limit bucket, and whether it is an interaction endpoint (no bot token, no global limit).
 */
record Route(
    String method,
    String template,
    RouteLimit limit,
    boolean interactionEndpoint,
    Handler handler) {
  /**
   * Discord keys a bucket by these parameters: each channel, guild or webhook gets its own window.
   */
  private static final List<String> MAJOR_PARAMETERS =
      List.of(
          "channel_id",
          "guild_id",
          "webhook_id",
          "webhook_token",
          "interaction_id",
          "interaction_token");

  /** Answers one request of this route. */
  @FunctionalInterface
  interface Handler {
    ApiResponse handle(ApiRequest request);
  }

  /** The path parameters if the path fits the template. */
  Optional<Map<String, String>> match(String path) {
    String[] expected = template.split("/");
    String[] actual = path.split("/");
    if (expected.length != actual.length) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < expected.length; i++) {
      if (expected[i].startsWith("{")) {
        params.put(expected[i].substring(1, expected[i].length() - 1), actual[i]);
      } else if (!expected[i].equals(actual[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  /** A stable, opaque bucket id per route, like Discord's hashes. */
  String bucketHash() {
    return String.format("%08x", (method + " " + template).hashCode());
  }

  String majorKey(Map<String, String> params) {
    StringBuilder key = new StringBuilder();
    for (String name : MAJOR_PARAMETERS) {
      if (params.containsKey(name)) {
        key.append(name).append('=').append(params.get(name)).append(';');
      }
    }
    return key.toString();
  }
}
