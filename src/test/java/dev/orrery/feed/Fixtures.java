package dev.orrery.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The planet snapshots in src/test/resources/fixtures/feeds. */
final class Fixtures {
  static final List<String> SNAPSHOTS = List.of("2025-07-06", "2026-04-22", "2026-05-25");
  static final List<String> SOURCES =
      List.of("planet-python", "django-community", "planet-twisted", "planet-plone");

  private Fixtures() {}

  /** The bytes of a snapshot's feed, or null when that snapshot has no file for the source. */
  static byte[] feed(String snapshot, String source) {
    String path = "/fixtures/feeds/" + snapshot + "/" + source + ".rss.xml";
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + path, e);
    }
  }
}
