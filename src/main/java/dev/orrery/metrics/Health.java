package dev.orrery.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code /health} answers: up, or down with the first reason found.
 *
 * @param reason why it is down, in a short sentence; null when up
 */
record Health(boolean up, String reason) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final Health UP = new Health(true, null);

  static Health down(String reason) {
    return new Health(false, reason);
  }

  /** 200 when up, 503 when down. */
  int status() {
    return up ? 200 : 503;
  }

  /** {"status":"up"}, or {"status":"down","reason":"..."}. */
  String json() {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("status", up ? "up" : "down");
    if (reason != null) {
      body.put("reason", reason);
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of two strings is always JSON", e);
    }
  }
}
