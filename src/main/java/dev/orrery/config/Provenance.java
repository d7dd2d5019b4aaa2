package dev.orrery.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a configuration came from: its file, and the origin of each key's value.
 *
 * @param settings each key that has a value, with that value as {@code orrery check} shows it (null
 *     when the value was refused) and where it came from
 */
public record Provenance(Path file, List<Setting> settings) {
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
}
