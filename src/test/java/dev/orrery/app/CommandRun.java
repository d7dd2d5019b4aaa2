package dev.orrery.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One run of the {@code orrery} command line in this JVM: its status and what it printed. */
record CommandRun(int status, String out, String err) {

  static CommandRun of(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Main.execute(args, env, o, e);
    }
    return new CommandRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static CommandRun of(String... args) {
    return of(Map.of(), args);
  }

  List<String> lines() {
    return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
  }

  /** The lines that announce an entry: {@code [source] title — url (date)}. */
  List<String> entryLines() {
    return lines().stream().filter(l -> l.startsWith("[")).toList();
  }
}
