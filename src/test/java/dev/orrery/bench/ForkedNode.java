package dev.orrery.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ClusterPollNode} in a JVM of its own that keeps running while its parent drives it: told
 * what to do one line at a time on its standard input, answering on its standard output.
 */
final class ForkedNode implements AutoCloseable {
  private final String name;
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final Path log;

  /**
   * @param log where the node's standard error (its log) goes
   */
  ForkedNode(String name, List<String> jvmOptions, List<String> args, Path log) throws IOException {
    this.name = name;
    this.log = log;
    process =
        new ProcessBuilder(ForkedJvm.command(ClusterPollNode.class, jvmOptions, args))
            .redirectError(log.toFile())
            .start();
    out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  String name() {
    return name;
  }

  /** Waits until the node says it polls. */
  void awaitReady(long timeoutSeconds) throws IOException, InterruptedException {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                return null;
              }
            });
    String said;
    try {
      said = line.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      said = null;
    }
    if (!ClusterPollNode.READY.equals(said)) {
      throw new IllegalStateException(
          name + " did not start polling; its log: " + log + "\n" + ForkedJvm.tail(log));
    }
  }

  void send(String line) throws IOException {
    in.write(line + "\n");
    in.flush();
  }

  /** Stops the node and returns what it counted. */
  Properties stop(long timeoutSeconds) throws IOException, InterruptedException {
    send(ClusterPollNode.STOP);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " still running after " + timeoutSeconds + " s");
    }
    Properties properties = new Properties();
    properties.load(out);
    return properties;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
