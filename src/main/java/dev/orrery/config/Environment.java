package dev.orrery.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The process environment as the configuration reads it. A key's variable is {@code ORRERY_} and
 * the key in upper case with dots and dashes as underscores: {@code ORRERY_POLL_INTERVAL}.
 */
final class Environment {
  static final String PREFIX = "ORRERY_";

  private final Map<String, String> variables;

  Environment(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /** A variable that is set, and its value (which may be empty). */
  record Found(String variable, String value) {}

  static String variable(String key) {
    return PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * The variable that sets {@code key}: the first of its variables that holds more than white
   * space, else the first that is set at all; null when none is.
   */
  Found find(Key<?> key) {
    Found empty = null;
    for (String variable : key.variables()) {
      String value = variables.get(variable);
      if (value != null && !value.isBlank()) {
        return new Found(variable, value.trim());
      }
      if (value != null && empty == null) {
        empty = new Found(variable, "");
      }
    }
    return empty;
  }

  /** The variables of Orrery's own ({@code ORRERY_*}) that are set. */
  Set<String> ours() {
    Set<String> ours = new TreeSet<>();
    for (String variable : variables.keySet()) {
      if (variable.startsWith(PREFIX)) {
        ours.add(variable);
      }
    }
    return ours;
  }
}
