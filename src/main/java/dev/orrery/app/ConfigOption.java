package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.config.ConfigException;
import dev.orrery.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config} option every command takes, and loading what it names. */
final class ConfigOption {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      defaultValue = "bot.properties",
      description =
          "The configuration file (default: ${DEFAULT-VALUE}); the environment overrides it.")
  Path file;

  /**
   * Loads and validates the configuration, printing its problems or warnings to {@code err}.
   *
   * @return the configuration, or null when it has problems (already printed)
   */
  Config load(Map<String, String> env, boolean tokenRequired, PrintStream err) {
    try {
      Config config = new ConfigLoader(env).load(file, tokenRequired);
      Logging.setLevel(config.logLevel());
      for (String warning : config.warnings()) {
        err.println("warning: " + warning);
      }
      return config;
    } catch (ConfigException e) {
      for (String warning : e.warnings()) {
        err.println("warning: " + warning);
      }
      err.println("orrery: the configuration in " + file + " cannot be used:");
      for (String problem : e.problems()) {
        err.println("  - " + problem);
      }
      return null;
    }
  }
}
