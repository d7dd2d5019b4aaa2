package dev.orrery.bench;

import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.xml.sax.InputSource;

/**
 * ROME's raw parse rate as the cold cycle meets it: in a JVM of its own with the measured JVM's
 * options, every feed parsed once, the JIT compiling as it goes. {@link RomeParseRate} gives the
 * rate once the JIT is done; the cold cycle in a fresh JVM is compared with this one, like with
 * like. The parent writes a sample of bodies to files, so this JVM parses nothing before the clock
 * starts.
 */
final class RomeFreshRate {
  private RomeFreshRate() {}

  /** Runs the measurement in a fresh JVM and returns its feeds per second. */
  static double measure(
      SyntheticFeeds feeds, int count, int threads, List<String> jvmOptions, Path log)
      throws IOException, InterruptedException {
    Path folder = Files.createTempDirectory("orrery-bench-rome");
    try {
      int sample = Math.min(count, 200);
      for (int k = 0; k < sample; k++) {
        Files.write(folder.resolve(k + ".xml"), feeds.body(k, 0));
      }
      Properties measured =
          ForkedJvm.run(
              RomeFreshRate.class,
              jvmOptions,
              List.of(folder.toString(), Integer.toString(count), Integer.toString(threads)),
              log,
              900);
      return Double.parseDouble(measured.getProperty("rome.freshRate"));
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Arguments: the folder of bodies, how many feeds to parse, on how many threads. */
  public static void main(String[] args) throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      for (Path file : files.sorted().toList()) {
        bodies.add(Files.readAllBytes(file));
      }
    }
    int count = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    long nanos =
        Parallel.run(
            count,
            threads,
            i -> {
              int entries =
                  new SyndFeedInput()
                      .build(
                          new InputSource(new ByteArrayInputStream(bodies.get(i % bodies.size()))))
                      .getEntries()
                      .size();
              if (entries != SyntheticFeeds.ENTRIES) {
                throw new IllegalStateException("ROME read " + entries + " entries");
              }
            });
    System.out.println("rome.freshRate=" + Parallel.perSecond(count, nanos));
  }
}
