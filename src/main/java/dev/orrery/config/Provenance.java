package dev.orrery.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a configuration came from: its file, read or absent, and the origin of each key's value.
 *
 * @param settings each key that has a value, with that value as {@code orrery check} shows it (null
 *     when the value was refused) and where it came from
 */
public record Provenance(Path file, boolean fileFound, List<Setting> settings) {
  public Provenance {
    settings = List.copyOf(settings);
  }

  /** One key's value, as shown (masked when secret), and its origin. */
  public record Setting(String key, String value, Origin origin) {
    /** The variable that set the key; null when it was not one. */
    public String variable() {
      return origin instanceof Origin.Variable v ? v.name() : null;
    }
  }

  /** The settings an environment variable made. */
  public List<Setting> fromTheEnvironment() {
    return settings.stream().filter(s -> s.variable() != null).toList();
  }

  /**
   * What the configuration was read from, for a sentence: "bot.properties", "bot.properties and the
   * environment", "the environment", or "the defaults".
   */
  public String readFrom() {
    boolean environment = !fromTheEnvironment().isEmpty();
    if (fileFound) {
      return environment ? file + " and the environment" : file.toString();
    }
    return environment ? "the environment" : "the defaults";
  }

  /**
   * One line for when the file is absent: that it is, and which keys the environment set; null when
   * the file was read.
   */
  public String absentFileNote() {
    if (fileFound) {
      return null;
    }
    List<Setting> environment = fromTheEnvironment();
    String path = file.toAbsolutePath().normalize().toString();
    if (environment.isEmpty()) {
      return path + " is absent and no variable sets a key: every key has its default";
    }
    String first = environment.get(0).key() + " comes from " + environment.get(0).variable();
    String rest =
        environment.stream()
            .skip(1)
            .map(s -> ", " + s.key() + " from " + s.variable())
            .collect(Collectors.joining());
    return path + " is absent: " + first + rest + "; every other key has its default";
  }
}
