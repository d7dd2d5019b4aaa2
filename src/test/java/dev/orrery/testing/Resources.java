package dev.orrery.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads test resources: the planet snapshots live under {@code /fixtures/feeds/<date>/}. */
public final class Resources {
  /** The three snapshots, in the order a planet published them. */
  public static final String[] SNAPSHOTS = {"2025-07-06", "2026-04-22", "2026-05-25"};

  public static final String[] SOURCES = {
    "django-community", "planet-plone", "planet-python", "planet-twisted"
  };

  private Resources() {}

  public static byte[] bytes(String resource) {
    try (InputStream in = Resources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The resource of a planet snapshot, or null when that snapshot has no file for the source. */
  public static String snapshot(String date, String source) {
    String resource = "/fixtures/feeds/" + date + "/" + source + ".rss.xml";
    return Resources.class.getResource(resource) == null ? null : resource;
  }
}
