package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.config.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code orrery check}: validates the configuration and prints it resolved, the token masked. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Validate the configuration and print it resolved (token masked).")
final class CheckCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin ConfigOption config;
  @Mixin Verbosity verbosity;

  @Override
  public Integer call() {
    Config resolved = config.load(verbosity, main.env, true, main.err);
    if (resolved == null) {
      return Main.USAGE;
    }
    for (String line : describe(resolved)) {
      main.out.println(line);
    }
    return 0;
  }

  /**
   * The configuration as {@code key = value} lines, every default filled in, each saying where its
   * value came from: the file, an environment variable, or the default.
   */
  static List<String> describe(Config c) {
    List<String> lines = new ArrayList<>();
    lines.add("# " + c.provenance().readFrom() + ": valid");
    for (Provenance.Setting s : c.provenance().settings()) {
      lines.add(s.key() + " = " + s.value() + "  # " + s.origin().describe());
    }
    return lines;
  }
}
