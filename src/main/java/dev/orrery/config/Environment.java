package dev.orrery.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The process environment as the configuration reads it. A key's variable is {@code ORRERY_} and
 * the key in upper case with dots and dashes as underscores: {@code ORRERY_POLL_INTERVAL}. Source
 * names have dashes and never underscores, so {@code ORRERY_SOURCES_MY_BLOG_URL} is read back as
 * {@code sources.my-blog.url}, the key whose variable it is; subscriptions likewise.
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

  /**
   * The names of the sources or subscriptions that only the environment defines: {@code
   * ORRERY_SOURCES_MY_BLOG_URL} names {@code my-blog}. A variable that is a key of one of the
   * {@code known} names is that key, not the start of another name.
   *
   * @param family the start of the keys, "sources" or "subscriptions"
   * @param keys the keys of one member of the family, with {@code <name>} in them
   */
  Set<String> names(String family, List<Key<?>> keys, Collection<String> known) {
    Set<String> taken = new TreeSet<>();
    for (String name : known) {
      keys.forEach(k -> taken.addAll(k.named(name).variables()));
    }
    String start = variable(family) + "_";
    Set<String> names = new TreeSet<>();
    for (String variable : variables.keySet()) {
      if (!variable.startsWith(start) || taken.contains(variable)) {
        continue;
      }
      for (Key<?> key : keys) {
        String field = key.name().substring(key.name().lastIndexOf('.') + 1);
        String end = "_" + field.toUpperCase(Locale.ROOT);
        if (variable.endsWith(end) && variable.length() > start.length() + end.length()) {
          String name =
              variable
                  .substring(start.length(), variable.length() - end.length())
                  .toLowerCase(Locale.ROOT)
                  .replace('_', '-');
          if (key.named(name).variables().contains(variable)) {
            names.add(name);
          }
        }
      }
    }
    return names;
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
