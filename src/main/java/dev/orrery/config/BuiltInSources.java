package dev.orrery.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue every Orrery knows without a line of configuration: the Python planets. Their keys
 * ({@code sources.planet-python.url} and the rest) have these values as defaults, so one key can be
 * changed, and {@code sources.<name>.enabled=false} removes one.
 */
public final class BuiltInSources {
  public static final List<Config.Source> ALL =
      List.of(
          source("planet-python", "https://planetpython.org/rss20.xml", "Planet Python", 0x3776ab),
          source(
              "django-community",
              "https://www.djangoproject.com/rss/community/blogs/",
              "Django community aggregator",
              0x0c4b33),
          source(
              "planet-twisted",
              "https://planet.twistedmatrix.com/rss20.xml",
              "Planet Twisted",
              0xc9302c),
          source("planet-plone", "https://planet.plone.org/rss20.xml", "Planet Plone", 0x0083be));

  private BuiltInSources() {}

  /** The built-in source of this name, if there is one. */
  public static Optional<Config.Source> named(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private static Config.Source source(String name, String url, String title, int color) {
    return new Config.Source(name, URI.create(url), title, color);
  }
}
