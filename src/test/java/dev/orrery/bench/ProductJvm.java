package dev.orrery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options the product ships with, read from the Dockerfile's {@code ENTRYPOINT} (what
 * stands between {@code "java"} and {@code "-jar"}), so the bench measures what users run.
 */
final class ProductJvm {
  private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT\\s*\\[(.*)]\\s*$");
  private static final Pattern ITEM = Pattern.compile("\"([^\"]*)\"");

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
    Matcher entrypoint = ENTRYPOINT.matcher(dockerfile);
    if (!entrypoint.find()) {
      throw new IllegalStateException("no ENTRYPOINT [...] in the Dockerfile");
    }
    List<String> items = new ArrayList<>();
    Matcher item = ITEM.matcher(entrypoint.group(1));
    while (item.find()) {
      items.add(item.group(1));
    }
    int jar = items.indexOf("-jar");
    if (items.isEmpty() || !items.get(0).equals("java") || jar < 0) {
      throw new IllegalStateException(
          "the ENTRYPOINT is not [\"java\", ..., \"-jar\", ...]: " + items);
    }
    return List.copyOf(items.subList(1, jar));
  }
}
