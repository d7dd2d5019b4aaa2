package dev.orrery.poll;

import dev.orrery.config.Config;
import dev.orrery.store.Feed;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured sources, and how a name or a URL a person typed becomes a feed URL. */
public final class Catalogue {
  /** Longer URLs are refused: no real feed needs one, and they bloat the database. */
  public static final int MAX_URL_LENGTH = 2048;

  private final List<Config.Source> sources;
  private final Map<String, Config.Source> byUrl;

  public Catalogue(Map<String, Config.Source> sources) {
    this.sources =
        sources.values().stream().sorted(Comparator.comparing(Config.Source::name)).toList();
    this.byUrl =
        this.sources.stream()
            .collect(Collectors.toMap(s -> s.url().toString(), Function.identity(), (a, b) -> a));
  }

  public List<Config.Source> sources() {
    return sources;
  }

  public Optional<Config.Source> byName(String name) {
    return sources.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The catalogue source a feed came from, if any. */
  public Optional<Config.Source> forFeed(Feed feed) {
    return Optional.ofNullable(byUrl.get(feed.url()));
  }

  /** The name people know a feed by: its catalogue title, else its own title, else its URL. */
  public String displayName(Feed feed) {
    return forFeed(feed).map(Config.Source::displayName).orElseGet(feed::displayName);
  }

  /** A source as typed: a catalogue name, or an http(s) URL. */
  public sealed interface Resolution {
    record Url(String url, Config.Source source) implements Resolution {}

    record Invalid(String reason) implements Resolution {}
  }

  public Resolution resolve(String typed) {
    String text = typed == null ? "" : typed.strip();
    Optional<Config.Source> named = byName(text.toLowerCase(Locale.ROOT));
    if (named.isPresent()) {
      return new Resolution.Url(named.get().url().toString(), named.get());
    }
    if (text.isEmpty()) {
      return new Resolution.Invalid(
          "no source given: name one of " + names() + ", or paste a feed URL");
    }
    if (text.length() > MAX_URL_LENGTH) {
      return new Resolution.Invalid(
          "that URL is "
              + text.length()
              + " characters long; feed URLs are at most "
              + MAX_URL_LENGTH);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return new Resolution.Invalid(
          "'" + shorten(text) + "' is not a source I know (" + names() + ") nor a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      if (uri.isAbsolute()) {
        return new Resolution.Invalid(
            scheme + ": URLs are not fetched: use an http or https feed URL");
      }
      return new Resolution.Invalid(
          "'"
              + shorten(text)
              + "' is not a source I know ("
              + names()
              + ") nor an http(s) feed URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return new Resolution.Invalid("'" + shorten(text) + "' has no host name");
    }
    String normalized = uri.normalize().toString();
    return new Resolution.Url(normalized, byUrl.get(normalized));
  }

  private String names() {
    return sources.isEmpty()
        ? "none configured"
        : sources.stream().map(Config.Source::name).collect(Collectors.joining(", "));
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 79) + "…";
  }
}
