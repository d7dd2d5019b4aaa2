package dev.orrery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options the product ships with, read from the Dockerfile's default {@code JAVA_OPTS},
 * which its entry point passes to {@code java}, so the bench measures what users run.
 */
final class ProductJvm {
  private static final Pattern JAVA_OPTS = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"\\s*$");

  private ProductJvm() {}

  static List<String> options() {
    try {
      return options(Files.readString(Path.of("Dockerfile")));
    } catch (IOException e) {
      throw new IllegalStateException(
          "the bench runs from the project folder, where the Dockerfile is", e);
    }
  }

  static List<String> options(String dockerfile) {
    Matcher opts = JAVA_OPTS.matcher(dockerfile);
    if (!opts.find() || !dockerfile.contains("exec java $JAVA_OPTS -jar")) {
      throw new IllegalStateException(
          "the Dockerfile has no ENV JAVA_OPTS=\"...\" that its entry point passes to java");
    }
    return List.of(opts.group(1).strip().split("\\s+"));
  }
}
