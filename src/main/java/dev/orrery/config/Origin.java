package dev.orrery.config;

import java.nio.file.Path;

/**
 * Where a value of the configuration came from: the file, an environment variable, or a default.
 */
public sealed interface Origin {
  /**
   * As {@code orrery check} says it: "from bot.properties", "from ORRERY_POLL_INTERVAL", "default".
   */
  String describe();

  /** The configuration file. */
  record File(Path path) implements Origin {
    @Override
    public String describe() {
      return "from " + path;
    }
  }

  /** An environment variable. */
  record Variable(String name) implements Origin {
    @Override
    public String describe() {
      return "from " + name;
    }
  }

  /** The key's default: nothing set it. */
  record Default() implements Origin {
    @Override
    public String describe() {
      return "default";
    }
  }
}
