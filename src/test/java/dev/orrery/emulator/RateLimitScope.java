package dev.orrery.emulator;

import java.util.Locale;

/**
 * Discord's {@code X-RateLimit-Scope}: the bot's own route limit, its global limit, or a shared
 * resource limit.
 */
public enum RateLimitScope {
  USER,
  GLOBAL,
  SHARED;

  String headerValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
