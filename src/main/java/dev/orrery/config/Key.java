package dev.orrery.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One key of the configuration, as {@link ConfigKeys} declares it.
 *
 * @param name the key in bot.properties; {@code <name>} stands for a source's or a subscription's
 *     name in the keys of those
 * @param defaultValue the value when nothing sets the key; null when it has none
 * @param secret whether the value must never be shown (only masked)
 * @param doc what the key is for, in a line (bot.properties.example says the same)
 * @param variables the environment variables that set the key, the first set one winning
 */
record Key<T>(
    String name, Rule<T> rule, T defaultValue, boolean secret, String doc, List<String> variables) {

  static final String NAME = "<name>";

  Key {
    variables = List.copyOf(variables);
  }

  /** A key read from {@code ORRERY_} and its name in upper case. */
  static <T> Key<T> of(String name, Rule<T> rule, T defaultValue, String doc) {
    return new Key<>(name, rule, defaultValue, false, doc, List.of(Environment.variable(name)));
  }

  /** This key, its value never shown (a secret). */
  Key<T> masked() {
    return new Key<>(name, rule, defaultValue, true, doc, variables);
  }

  /** This key, also read from {@code variable} when its own variable is not set. */
  Key<T> alsoFrom(String variable) {
    List<String> more = new ArrayList<>(variables);
    more.add(variable);
    return new Key<>(name, rule, defaultValue, secret, doc, more);
  }

  /** This key with another default, such as one that depends on another key's value. */
  Key<T> withDefault(T value) {
    return new Key<>(name, rule, value, secret, doc, variables);
  }

  /** The key of the source or subscription {@code group}, such as sources.planet-python.url. */
  Key<T> named(String group) {
    String concrete = name.replace(NAME, group);
    return new Key<>(
        concrete, rule, defaultValue, secret, doc, List.of(Environment.variable(concrete)));
  }

  /** The default as a message shows it; empty when there is none (an empty value then means so). */
  String shownDefault() {
    return defaultValue == null ? "" : rule.speak(defaultValue);
  }

  /** A value as {@code orrery check} shows it: masked when secret. */
  String show(T value) {
    return secret && !(value instanceof Secret) ? "****" : rule.write(value);
  }
}
