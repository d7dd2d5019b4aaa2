package dev.orrery.faults;

import dev.orrery.app.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code orrery <args>} as a real child JVM on the test classpath but with the product's logging
 * configuration, its standard output and error together in one file, ended with SIGKILL ({@link
 * #kill}) or SIGTERM ({@link #terminate}).
 */
final class BotProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private BotProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code orrery args...}; the environment has no ORRERY_ or DISCORD_TOKEN but {@code env}.
   */
  static BotProcess start(Path log, Map<String, String> env, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                // src/main's logback.xml, not logback-test.xml: what a user's terminal would show
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("ORRERY_") || k.equals("DISCORD_TOKEN"));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      return new BotProcess(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("process " + pid() + " survived SIGKILL");
    }
  }

  /** SIGTERM, then the exit status. */
  int terminate() throws InterruptedException {
    process.destroy();
    return awaitExit();
  }

  /** Waits for the process to end by itself, at most a minute. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process " + pid() + " did not exit within 60 s:\n" + output());
    }
    return process.exitValue();
  }

  /** Everything the process wrote so far, standard output and error interleaved. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
