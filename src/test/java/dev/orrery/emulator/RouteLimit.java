package dev.orrery.emulator;

import java.time.Duration;

/**
 * A route bucket's size: this many requests per window, the window starting at its first request.
 */
public record RouteLimit(int requests, Duration window) {
  public RouteLimit {
    if (requests < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "a route limit needs at least one request per positive window");
    }
  }

  /** Discord's documented limit for posting in one channel: about 5 messages per 5 seconds. */
  public static RouteLimit discordChannelMessages() {
    return new RouteLimit(5, Duration.ofSeconds(5));
  }
}
