package dev.orrery.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two Node.js feed parsers timed on one file: MonitoRSS's (the npm {@code feedparser}) and {@code
 * rss-parser}. npm installs them into a folder of the run's own, and {@code bench/peers.js} times
 * them there; a parser that cannot be had is skipped with the reason.
 */
final class PeerParsers {
  /** A parser as the script names it, and the version npm installs (pinned, to compare runs). */
  record Package(String name, String version) {}

  static final List<Package> PACKAGES =
      List.of(new Package("feedparser", "2.6.0"), new Package("rss-parser", "3.13.0"));

  private static final String SCRIPT = "/bench/peers.js";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  /** What became of one parser. */
  sealed interface Outcome {
    String name();
  }

  /**
   * Read {@code entries} entries from the file each time, in {@code time} a parse.
   *
   * @param runtime the Node.js that ran it, as {@code node --version} says
   */
  record Timed(String name, String version, String runtime, ParseTime time, int entries)
      implements Outcome {}

  /** Not measured, and why. */
  record Skipped(String name, String why) implements Outcome {}

  private final String node;
  private final String npm;
  private final Path folder;

  /**
   * @param node the {@code node} command, or a path to it
   * @param npm the {@code npm} command, or a path to it
   * @param folder an empty folder the packages are installed into
   */
  PeerParsers(String node, String npm, Path folder) {
    this.node = node;
    this.npm = npm;
    this.folder = folder;
  }

  /**
   * Each parser's time on {@code feed}: {@code warmup} parses, then the fastest of {@code rounds}
   * rounds of {@code perRound}.
   */
  List<Outcome> time(Path feed, int warmup, int rounds, int perRound) throws InterruptedException {
    Run version = run(List.of(node, "--version"), Duration.ofSeconds(30));
    if (version.exit() != 0) {
      return skipAll("Node.js cannot be run (" + node + ": " + version.gist() + ")");
    }
    List<String> install =
        new ArrayList<>(
            List.of(npm, "install", "--prefix", folder.toString(), "--no-audit", "--no-fund"));
    PACKAGES.forEach(p -> install.add(p.name() + "@" + p.version()));
    Run installed = run(install, INSTALL_TIMEOUT);
    if (installed.exit() != 0) {
      return skipAll("npm could not install them (" + npm + ": " + installed.gist() + ")");
    }
    Path script = folder.resolve("peers.js");
    try (InputStream in = PeerParsers.class.getResourceAsStream(SCRIPT)) {
      Files.copy(in, script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Run timed =
        run(
            List.of(
                node,
                script.toString(),
                feed.toString(),
                String.valueOf(warmup),
                String.valueOf(rounds),
                String.valueOf(perRound)),
            RUN_TIMEOUT);
    return read(
        timed.output(),
        timed.exit() == 0 ? "" : " (exit " + timed.exit() + ")",
        version.output().strip());
  }

  /**
   * The script's output read: {@code <name> <version> <ms per parse> <CPU ms per parse> <entries>}
   * or {@code <name> failed <why>} per line; a parser without its line is skipped with the gist of
   * the output.
   */
  static List<Outcome> read(String output, String status, String runtime) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (String line : output.split("\\R")) {
      String[] words = line.strip().split(" ");
      if (words.length < 3 || PACKAGES.stream().noneMatch(p -> p.name().equals(words[0]))) {
        continue;
      }
      String name = words[0];
      if (words[1].equals("failed")) {
        outcomes.put(name, new Skipped(name, "it failed: " + line.strip().split(" ", 3)[2]));
      } else if (words.length == 5) {
        try {
          ParseTime time =
              new ParseTime(Double.parseDouble(words[2]), Double.parseDouble(words[3]));
          outcomes.put(name, new Timed(name, words[1], runtime, time, Integer.parseInt(words[4])));
        } catch (NumberFormatException e) {
          // not a line of the script's: the parser is reported below as giving no time
        }
      }
    }
    return PACKAGES.stream()
        .map(
            p ->
                outcomes.getOrDefault(
                    p.name(),
                    new Skipped(p.name(), "peers.js gave no time" + status + ": " + gist(output))))
        .toList();
  }

  private static List<Outcome> skipAll(String why) {
    return PACKAGES.stream().<Outcome>map(p -> new Skipped(p.name(), why)).toList();
  }

  private record Run(int exit, String output) {
    String gist() {
      return PeerParsers.gist(output);
    }
  }

  /** The line of a command's output that says what went wrong: its first error, else its last. */
  static String gist(String output) {
    List<String> lines = output.strip().lines().map(String::strip).toList();
    return lines.stream()
        .filter(line -> line.toLowerCase(Locale.ROOT).contains("error"))
        .findFirst()
        .orElse(
            lines.isEmpty() || lines.get(lines.size() - 1).isEmpty()
                ? "no output"
                : lines.get(lines.size() - 1));
  }

  /** Runs a command in the folder, its output and errors together; a missing command exits -1. */
  private Run run(List<String> command, Duration timeout) throws InterruptedException {
    Process process;
    Path output;
    try {
      Files.createDirectories(folder);
      output = Files.createTempFile(folder, "output", ".txt");
      process =
          new ProcessBuilder(command)
              .directory(folder.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
    } catch (IOException e) {
      return new Run(-1, e.getMessage());
    }
    boolean ended = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    try {
      String text = Files.readString(output, StandardCharsets.UTF_8);
      return ended
          ? new Run(process.exitValue(), text)
          : new Run(-1, text + "\nno end after " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
