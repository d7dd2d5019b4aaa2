package dev.orrery.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The keys of one load: values by precedence, what was read, and what went wrong. */
final class Keys {
  private final Map<String, String> fileValues;
  private final Map<String, String> env;
  private final Set<String> read = new TreeSet<>();
  final List<String> problems = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();

  Keys(Map<String, String> fileValues, Map<String, String> env) {
    this.fileValues = fileValues;
    this.env = env;
  }

  static String envName(String key) {
    return "ORRERY_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * The value, from the environment, else the file; null when the key is not set. An empty value
   * means "not set" for a key whose default is nothing, and is refused for a key that has a
   * default: taking it silently for that default would hide a value someone meant to give.
   *
   * @param shownDefault the default as a message shows it; null or empty when there is none
   */
  private String value(String key, String shownDefault) {
    read.add(key);
    String variable = envName(key);
    String fromEnv = env.get(variable);
    String value = fromEnv != null ? fromEnv.trim() : fileValues.get(key);
    if (value == null || !value.isEmpty()) {
      return value;
    }
    if (shownDefault != null && !shownDefault.isEmpty()) {
      problems.add(
          fromEnv != null
              ? String.format(
                  "%s (%s) is empty: unset it to use the default (%s), or give a value",
                  variable, key, shownDefault)
              : String.format(
                  "%s is empty: remove the line to use the default (%s), or give a value",
                  key, shownDefault));
    }
    return null;
  }

  void markRead(String... keys) {
    read.addAll(List.of(keys));
  }

  void problem(String message) {
    problems.add(message);
  }

  void warning(String message) {
    warnings.add(message);
  }

  boolean hasProblemAbout(String key) {
    return problems.stream()
        .anyMatch(p -> p.startsWith(key + " ") || p.startsWith(envName(key) + " "));
  }

  /** " (from ORRERY_POLL_INTERVAL)" when the environment sets {@code key}; else nothing. */
  String from(String key) {
    String variable = envName(key);
    return env.containsKey(variable) ? " (from " + variable + ")" : "";
  }

  /** Refuses a value, naming the key (and the variable it came from) and what is accepted. */
  void invalid(String key, String value, String accepted) {
    String shown = value == null ? "(empty)" : "'" + value + "'";
    String from = from(key);
    String odd = value == null ? null : Values.notPlainAscii(value);
    String hint =
        odd == null ? "" : "; the value holds " + odd + ", write it with ASCII characters";
    problems.add(key + " = " + shown + from + " is not valid: use " + accepted + hint);
  }

  String text(String key, String fallback) {
    String value = value(key, fallback);
    return value == null ? fallback : value;
  }

  List<String> list(String key) {
    String value = text(key, "");
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  <T> T parsed(
      String key, T fallback, String shownDefault, Function<String, T> parser, String accepted) {
    String value = value(key, shownDefault);
    if (value == null) {
      return fallback;
    }
    T result = parser.apply(value);
    if (result == null) {
      invalid(key, value, accepted);
      return fallback;
    }
    return result;
  }

  int integer(String key, int fallback, int min, int max) {
    String accepted = "a whole number from " + min + " to " + max;
    return parsed(
        key,
        fallback,
        String.valueOf(fallback),
        v -> {
          Long n = Values.parseWholeNumber(v);
          return n != null && n >= min && n <= max ? n.intValue() : null;
        },
        accepted);
  }

  boolean bool(String key, boolean fallback) {
    return parsed(
        key,
        fallback,
        String.valueOf(fallback),
        v ->
            switch (v.toLowerCase(Locale.ROOT)) {
              case "true", "yes", "on" -> Boolean.TRUE;
              case "false", "no", "off" -> Boolean.FALSE;
              default -> null;
            },
        "true or false");
  }

  Duration duration(String key, Duration fallback, Duration min) {
    return parsed(
        key,
        fallback,
        Values.formatDuration(fallback),
        v -> {
          Duration d = Values.parseDuration(v);
          return d != null && d.compareTo(min) >= 0 && d.compareTo(Duration.ofDays(7)) <= 0
              ? d
              : null;
        },
        "a duration from " + Values.formatDuration(min) + " to 7d, written like 30s, 10m or 1h");
  }

  long size(String key, long fallback, long min) {
    return parsed(
        key,
        fallback,
        Values.formatSize(fallback),
        v -> {
          Long n = Values.parseSize(v);
          return n != null && n >= min && n <= (1L << 30) ? n : null;
        },
        "a size from " + Values.formatSize(min) + " to 1 GB, written like 512KB or 5MB");
  }

  URI url(String key, String fallback, Set<String> schemes) {
    String accepted = "an absolute " + String.join(" or ", new TreeSet<>(schemes)) + " URL";
    String value = text(key, fallback);
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI(value);
      if (uri.isAbsolute()
          && uri.getHost() != null
          && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, with the rest
    }
    invalid(key, value, accepted);
    return null;
  }

  void warnAboutUnknownKeys() {
    for (String key : fileValues.keySet()) {
      if (!read.contains(key)) {
        String closest = Levenshtein.closest(key, read);
        warnings.add(
            key
                + " is not a known key and is ignored"
                + (closest != null
                    ? "; did you mean " + closest + "?"
                    : "; see bot.properties.example for the keys"));
      }
    }
  }

  /** Warns about each {@code ORRERY_} variable that is not the variable of a key that was read. */
  void warnAboutUnknownVariables() {
    Set<String> known = new TreeSet<>();
    read.forEach(key -> known.add(envName(key)));
    for (String variable : new TreeSet<>(env.keySet())) {
      if (variable.startsWith("ORRERY_") && !known.contains(variable)) {
        String closest = Levenshtein.closest(variable, known);
        warnings.add(
            variable
                + " is not a known variable and is ignored"
                + (closest != null
                    ? "; did you mean " + closest + "?"
                    : "; a variable is ORRERY_ and a key of bot.properties.example in upper case,"
                        + " dots and dashes as underscores"));
      }
    }
  }
}
