package dev.orrery.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Warnings for keys of the file and {@code ORRERY_} variables that mean nothing: a typo is named
 * with the known name closest to it, from the keys of {@link ConfigKeys}.
 */
final class UnknownNames {
  private UnknownNames() {}

  /**
   * @param readKeys every key that was read, sources and subscriptions included
   * @param readVariables every variable that was consulted
   */
  static List<String> warnings(
      Collection<String> fileKeys,
      Set<String> readKeys,
      Collection<String> variables,
      Set<String> readVariables) {
    List<String> warnings = new ArrayList<>();
    for (String key : new TreeSet<>(fileKeys)) {
      if (!readKeys.contains(key)) {
        String closest = Levenshtein.closest(key, candidates(key, readKeys, false));
        warnings.add(
            key
                + " is not a known key and is ignored"
                + (closest != null
                    ? "; did you mean " + closest + "?"
                    : "; see bot.properties.example for the keys"));
      }
    }
    for (String variable : new TreeSet<>(variables)) {
      if (!readVariables.contains(variable)) {
        String closest = Levenshtein.closest(variable, candidates(variable, readVariables, true));
        warnings.add(
            variable
                + " is not a known variable and is ignored"
                + (closest != null
                    ? "; did you mean " + closest + "?"
                    : "; a variable is ORRERY_ and a key of bot.properties.example in upper case,"
                        + " dots and dashes as underscores"));
      }
    }
    return warnings;
  }

  /**
   * The names read, and the keys of the source or subscription that {@code unknown} seems to be
   * about: {@code sources.my-blog.colour} may mean {@code sources.my-blog.color} though no source
   * my-blog was read.
   */
  private static Set<String> candidates(String unknown, Set<String> read, boolean variable) {
    Set<String> candidates = new TreeSet<>(read);
    for (Key<?> key : ConfigKeys.all()) {
      if (!key.name().contains(Key.NAME)) {
        continue;
      }
      String family = key.name().substring(0, key.name().indexOf(Key.NAME));
      String start = variable ? Environment.variable(family) : family;
      String separator = variable ? "_" : ".";
      if (!unknown.startsWith(start) || unknown.length() <= start.length()) {
        continue;
      }
      String rest = unknown.substring(start.length());
      int last = rest.lastIndexOf(separator);
      for (String name : last > 0 ? List.of(rest, rest.substring(0, last)) : List.of(rest)) {
        String group = variable ? name.toLowerCase(Locale.ROOT).replace('_', '-') : name;
        Key<?> member = key.named(group);
        candidates.add(variable ? member.variables().get(0) : member.name());
      }
    }
    return candidates;
  }
}
