package dev.orrery.bench.jmh;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the JMH benchmarks with short defaults (1 fork, 3 × 1 s warm-up, 5 × 1 s measurement: about
 * half a minute) unless JMH options are given; {@code --out DIR} (added by the Maven profile) is
 * where the result file goes. {@code mvn -B -Pbench test-compile exec:exec
 * -Dbench.main=dev.orrery.bench.jmh.Jmh [-Dbench.args="-f 2 -i 10"]}.
 */
public final class Jmh {
  private Jmh() {}

  public static void main(String[] args) throws Exception {
    String out = "target";
    List<String> jmh = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out") && i + 1 < args.length) {
        out = args[++i];
      } else if (!args[i].isBlank()) {
        jmh.add(args[i]);
      }
    }
    String[][] defaults = {
      {"-f", "1"},
      {"-wi", "3"},
      {"-w", "1s"},
      {"-i", "5"},
      {"-r", "1s"},
      {"-rf", "text"},
      {"-rff", out + "/jmh-results.txt"}
    };
    List<String> all = new ArrayList<>();
    for (String[] option : defaults) {
      if (!jmh.contains(option[0])) { // JMH refuses an option given twice: the caller's wins
        all.add(option[0]);
        all.add(option[1]);
      }
    }
    all.addAll(jmh);
    if (jmh.stream().noneMatch(a -> !a.startsWith("-") && a.contains("Benchmarks"))) {
      all.add(FeedBenchmarks.class.getName());
    }
    org.openjdk.jmh.Main.main(all.toArray(String[]::new));
  }
}
