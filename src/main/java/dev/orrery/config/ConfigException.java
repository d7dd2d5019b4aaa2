package dev.orrery.config;

import java.util.List;

/** The configuration cannot be used; each problem names the key, the value and what is accepted. */
public final class ConfigException extends Exception {
  private final List<String> problems;
  private final List<String> warnings;

  public ConfigException(List<String> problems) {
    this(problems, List.of());
  }

  /**
   * @param warnings what else deserves a look, such as a misspelled key
   */
  public ConfigException(List<String> problems, List<String> warnings) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  public List<String> problems() {
    return problems;
  }

  public List<String> warnings() {
    return warnings;
  }
}
