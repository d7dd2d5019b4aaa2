package dev.orrery.testing;

import dev.orrery.config.BuiltInSources;
import java.util.List;

/**
 * The lines of bot.properties that remove the built-in sources, for a test that polls its own
 * sources and must not reach the real planets.
 */
public final class BuiltInsRemoved {
  private BuiltInsRemoved() {}

  public static List<String> lines() {
    return BuiltInSources.ALL.stream().map(s -> "sources." + s.name() + ".enabled=false").toList();
  }

  /** The lines as one text, each ending with a line break. */
  public static String text() {
    return String.join("\n", lines()) + "\n";
  }
}
