package dev.orrery.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the keys of one load: each value by precedence (the environment, else the file, else the
 * default), where it came from, which names were read, and what went wrong.
 */
final class KeyReader {
  private final Path file;
  private final Map<String, String> fileValues;
  private final Environment environment;
  private final Set<String> readKeys = new HashSet<>();
  private final Set<String> readVariables = new HashSet<>();
  private final Set<String> refused = new HashSet<>();
  private final Map<String, Origin> origins = new LinkedHashMap<>();
  private final Map<String, Provenance.Setting> settings = new LinkedHashMap<>();
  final List<String> problems = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();

  /**
   * @param fileValues the keys of the file and their values, trimmed; empty when there is none
   */
  KeyReader(Path file, Map<String, String> fileValues, Environment environment) {
    this.file = file;
    this.fileValues = fileValues;
    this.environment = environment;
  }

  /**
   * The value of {@code key}, or its default when nothing sets it or the value is refused (the
   * problem is then recorded). An empty value means "not set" for a key whose default is nothing,
   * and is refused for a key that has a default: taking it silently for that default would hide a
   * value someone meant to give.
   */
  <T> T get(Key<T> key) {
    String text = text(key);
    if (text == null || text.isEmpty()) {
      if (text != null && !key.shownDefault().isEmpty()) {
        refuseEmpty(key);
      } else if (key.defaultValue() != null) {
        record(key, key.show(key.defaultValue()), new Origin.Default());
      }
      return key.defaultValue();
    }
    T value = key.rule().parse(text);
    if (value == null) {
      invalid(key, text, key.rule().accepted());
      return key.defaultValue();
    }
    record(key, key.show(value), origins.get(key.name()));
    return value;
  }

  /** The text that sets {@code key}, trimmed; null when nothing does. */
  private String text(Key<?> key) {
    skip(key);
    Environment.Found found = environment.find(key);
    if (found != null) {
      origins.put(key.name(), new Origin.Variable(found.variable()));
      return found.value();
    }
    String value = fileValues.get(key.name());
    if (value != null) {
      origins.put(key.name(), new Origin.File(file));
    }
    return value;
  }

  /** Counts {@code keys} as read without reading them: they belong to something left out. */
  void skip(Key<?>... keys) {
    for (Key<?> key : keys) {
      readKeys.add(key.name());
      readVariables.addAll(key.variables());
    }
  }

  /** The variable that set {@code key}, or null when it came from the file or its default. */
  String variable(Key<?> key) {
    return origins.get(key.name()) instanceof Origin.Variable v ? v.name() : null;
  }

  /** " (from ORRERY_POLL_INTERVAL)" when the environment set {@code key}; else nothing. */
  String from(Key<?> key) {
    String variable = variable(key);
    return variable == null ? "" : " (from " + variable + ")";
  }

  /** "poll.interval = 5m", and where the value came from when that was the environment. */
  <T> String describe(Key<T> key, T value) {
    return key.name() + " = " + key.rule().speak(value) + from(key);
  }

  /** Whether the value of {@code key} was refused. */
  boolean refused(Key<?> key) {
    return refused.contains(key.name());
  }

  void problem(String message) {
    problems.add(message);
  }

  void warning(String message) {
    warnings.add(message);
  }

  /** Refuses a value, naming the key (and the variable it came from) and what is accepted. */
  void invalid(Key<?> key, String value, String accepted) {
    refused.add(key.name());
    record(key, null, origins.getOrDefault(key.name(), new Origin.Default()));
    String shown = key.secret() ? "" : value == null ? " = (empty)" : " = '" + value + "'";
    String odd = value == null || key.secret() ? null : Values.notPlainAscii(value);
    String hint =
        odd == null ? "" : "; the value holds " + odd + ", write it with ASCII characters";
    problems.add(key.name() + shown + from(key) + " is not valid: use " + accepted + hint);
  }

  private void refuseEmpty(Key<?> key) {
    refused.add(key.name());
    record(key, null, origins.get(key.name()));
    String variable = variable(key);
    problems.add(
        variable != null
            ? String.format(
                "%s (%s) is empty: unset it to use the default (%s), or give a value",
                variable, key.name(), key.shownDefault())
            : String.format(
                "%s is empty: remove the line to use the default (%s), or give a value",
                key.name(), key.shownDefault()));
  }

  private void record(Key<?> key, String shown, Origin origin) {
    settings.put(key.name(), new Provenance.Setting(key.name(), shown, origin));
  }

  /** Each key that has a value, in the order they were read. */
  List<Provenance.Setting> settings() {
    return List.copyOf(settings.values());
  }

  /** Warns about each key of the file and each {@code ORRERY_} variable that no key read. */
  void warnAboutUnknownNames() {
    warnings.addAll(
        UnknownNames.warnings(fileValues.keySet(), readKeys, environment.ours(), readVariables));
  }
}
