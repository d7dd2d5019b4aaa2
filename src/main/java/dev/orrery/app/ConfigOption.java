package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.config.ConfigException;
import dev.orrery.config.ConfigLoader;
import dev.orrery.config.Provenance;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config} option every command takes, and loading what it names. */
final class ConfigOption {
  /** Read when no --config is given, and may then be absent. */
  static final Path DEFAULT_FILE = Path.of("bot.properties");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The configuration file, which must exist. Without --config: ./bot.properties, which may"
              + " be absent. The environment overrides the file.")
  Path file;

  /** The file named by --config, else the default one. */
  Path path() {
    return file != null ? file : DEFAULT_FILE;
  }

  /**
   * Loads and validates the configuration, printing its problems or warnings to {@code err}, and,
   * when the default file is absent, one line saying so and what the environment set.
   *
   * @return the configuration, or null when it has problems (already printed)
   */
  Config load(Map<String, String> env, boolean tokenRequired, PrintStream err) {
    ConfigLoader loader = new ConfigLoader(env);
    try {
      Config config =
          file != null
              ? loader.load(file, tokenRequired)
              : loader.loadIfPresent(DEFAULT_FILE, tokenRequired);
      Logging.setFormat(config.logFormat());
      Logging.setLevel(config.logLevel());
      report(config.provenance(), config.warnings(), err);
      return config;
    } catch (ConfigException e) {
      if (e.provenance() == null) {
        e.problems().forEach(problem -> err.println("orrery: " + problem));
        return null;
      }
      report(e.provenance(), e.warnings(), err);
      err.println("orrery: the configuration in " + e.provenance().readFrom() + " cannot be used:");
      for (String problem : e.problems()) {
        err.println("  - " + problem);
      }
      return null;
    }
  }

  /**
   * What a console command starts with: refuses a -v/-q mistake, then loads the configuration as
   * {@link #load} does and sets the log level it and -v/-q give.
   *
   * @return the configuration, or null when something is wrong (already printed)
   */
  Config load(
      Verbosity verbosity, Map<String, String> env, boolean tokenRequired, PrintStream err) {
    if (verbosity.problem() != null) {
      err.println("orrery: " + verbosity.problem());
      return null;
    }
    Config config = load(env, tokenRequired, err);
    if (config != null) {
      Logging.setLevel(verbosity.logLevel(config.logLevel()));
    }
    return config;
  }

  private static void report(Provenance provenance, List<String> warnings, PrintStream err) {
    String note = provenance.absentFileNote();
    if (note != null) {
      err.println("orrery: " + note);
    }
    for (String warning : warnings) {
      err.println("warning: " + warning);
    }
  }
}
