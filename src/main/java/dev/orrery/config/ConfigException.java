package dev.orrery.config;

import java.util.List;

/** The configuration cannot be used; each problem names the key, the value and what is accepted. */
public final class ConfigException extends Exception {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
