package dev.orrery.config;

import java.util.List;

/**
 * The configuration cannot be used; each problem names the key (or the variable), the value and
 * what is accepted.
 */
public final class ConfigException extends Exception {
  private final List<String> problems;
  private final List<String> warnings;
  private final Provenance provenance;

  public ConfigException(List<String> problems) {
    this(problems, List.of(), null);
  }

  /**
   * @param warnings what else deserves a look, such as a misspelled key
   * @param provenance where the configuration came from; null when its file could not be read
   */
  public ConfigException(List<String> problems, List<String> warnings, Provenance provenance) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
    this.provenance = provenance;
  }

  /** The file cannot be read: nothing else was looked at. */
  static ConfigException aboutTheFile(String problem) {
    return new ConfigException(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }

  public List<String> warnings() {
    return warnings;
  }

  /** Where the configuration came from; null when its file could not be read. */
  public Provenance provenance() {
    return provenance;
  }
}
