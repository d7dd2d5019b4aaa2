package dev.orrery.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a JVM of its own, so that what it measures of itself
 * (RSS above all) is its own, and reads the properties it prints on standard output.
 */
final class ForkedJvm {
  private ForkedJvm() {}

  /**
   * @param jvmOptions options before the main class; the product's logging configuration is added
   * @param log where the JVM's standard error goes
   */
  static Properties run(
      Class<?> main, List<String> jvmOptions, List<String> args, Path log, long timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> command = command(main, jvmOptions, args);
    Path stdout = Files.createTempFile("orrery-bench", ".properties");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(log.toFile())
              .start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            main.getSimpleName()
                + " still running after "
                + timeoutSeconds
                + " s; its log: "
                + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            main.getSimpleName()
                + " exited with "
                + process.exitValue()
                + "; its log: "
                + log
                + "\n"
                + tail(log));
      }
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(stdout, StandardCharsets.ISO_8859_1)) {
        properties.load(in);
      }
      return properties;
    } finally {
      Files.deleteIfExists(stdout);
    }
  }

  /**
   * The command line of a JVM running {@code main} of this class path with the product's logging.
   */
  static List<String> command(Class<?> main, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    // The product's logback.xml (INFO), not the tests' (DEBUG for dev.orrery): log as in
    // production.
    command.add("-Dlogback.configurationFile=logback.xml");
    command.addAll(jvmOptions);
    command.add(main.getName());
    command.addAll(args);
    return command;
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
