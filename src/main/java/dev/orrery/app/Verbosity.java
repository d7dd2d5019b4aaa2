package dev.orrery.app;

import picocli.CommandLine.Option;

/**
 * {@code -v} and {@code -q} of the commands meant for a terminal, which log only warnings by
 * default: what they print is the point, not what happens on the way.
 */
final class Verbosity {
  @Option(
      names = {"-v", "--verbose"},
      description = "Also log what happens on the way, at log.level (INFO unless set).")
  boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only entries and errors.")
  boolean quiet;

  /** The log level for this run, given the configured one. */
  String logLevel(String configured) {
    if (quiet) {
      return "ERROR";
    }
    if (verbose) {
      return configured;
    }
    // never chattier than WARN, but as quiet as the configuration asks
    return configured.equals("ERROR") ? "ERROR" : "WARN";
  }

  /** The problem with the options as given, or null. */
  String problem() {
    return verbose && quiet ? "-v and -q do not go together: choose one" : null;
  }
}
