package dev.orrery.config;

import static dev.orrery.config.ConfigKeys.SOURCE_COLOR;
import static dev.orrery.config.ConfigKeys.SOURCE_ENABLED;
import static dev.orrery.config.ConfigKeys.SOURCE_INTERVAL;
import static dev.orrery.config.ConfigKeys.SOURCE_TITLE;
import static dev.orrery.config.ConfigKeys.SOURCE_URL;
import static dev.orrery.config.ConfigKeys.SUBSCRIPTION_CHANNEL;
import static dev.orrery.config.ConfigKeys.SUBSCRIPTION_SOURCE;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the catalogue ({@code sources.<name>.*}: the built-in sources, changed or removed, and
 * those added) and the channels subscribed from the configuration ({@code subscriptions.<name>.*}),
 * from the file and the environment.
 */
final class CatalogueReader {
  private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  private final KeyReader reader;
  private final Collection<String> fileKeys;
  private final Environment environment;

  CatalogueReader(KeyReader reader, Collection<String> fileKeys, Environment environment) {
    this.reader = reader;
    this.fileKeys = fileKeys;
    this.environment = environment;
  }

  /** The sources by name: the built-in ones not removed, and those the configuration adds. */
  Map<String, Config.Source> sources() {
    Set<String> names = new TreeSet<>();
    BuiltInSources.ALL.forEach(s -> names.add(s.name()));
    names.addAll(namesInTheFile(ConfigKeys.SOURCE));
    names.addAll(environment.names("sources", ConfigKeys.SOURCE, names));
    Map<String, Config.Source> sources = new LinkedHashMap<>();
    for (String name : names) {
      if (!SOURCE_NAME.matcher(name).matches()) {
        reader.problem(
            "sources."
                + name
                + ": the source name '"
                + name
                + "' must be 1 to 32 lower-case letters, digits or dashes, like planet-python"
                + setBy(name));
        ConfigKeys.SOURCE.forEach(k -> reader.skip(k.named(name)));
        continue;
      }
      Config.Source source = source(name, BuiltInSources.named(name).orElse(null));
      if (source != null) {
        sources.put(name, source);
      }
    }
    return sources;
  }

  /** The source {@code name}, or null when it is removed or has no valid URL. */
  private Config.Source source(String name, Config.Source builtIn) {
    if (!reader.get(SOURCE_ENABLED.named(name))) {
      reader.skip(
          SOURCE_URL.named(name),
          SOURCE_TITLE.named(name),
          SOURCE_COLOR.named(name),
          SOURCE_INTERVAL.named(name));
      return null;
    }
    Key<URI> urlKey = SOURCE_URL.named(name).withDefault(builtIn == null ? null : builtIn.url());
    URI url = reader.get(urlKey);
    String title =
        reader.get(SOURCE_TITLE.named(name).withDefault(builtIn == null ? null : builtIn.title()));
    Integer color =
        reader.get(SOURCE_COLOR.named(name).withDefault(builtIn == null ? null : builtIn.color()));
    Duration interval = reader.get(SOURCE_INTERVAL.named(name));
    if (url == null && !reader.refused(urlKey)) {
      reader.problem(
          urlKey.name() + " is missing: every source needs the address of its RSS or Atom feed");
    }
    return url == null ? null : new Config.Source(name, url, title, color, interval);
  }

  /** The channels subscribed by the configuration, each to a source or a feed URL. */
  List<Config.ChannelSubscription> subscriptions(Map<String, Config.Source> sources) {
    Set<String> names = new TreeSet<>(namesInTheFile(ConfigKeys.SUBSCRIPTION));
    names.addAll(environment.names("subscriptions", ConfigKeys.SUBSCRIPTION, names));
    List<Config.ChannelSubscription> result = new ArrayList<>();
    for (String name : names) {
      Key<Long> channelKey = SUBSCRIPTION_CHANNEL.named(name);
      Key<String> sourceKey = SUBSCRIPTION_SOURCE.named(name);
      Long channel = reader.get(channelKey);
      String source = reader.get(sourceKey);
      if (channel == null && !reader.refused(channelKey)) {
        reader.invalid(channelKey, null, channelKey.rule().accepted());
      }
      boolean known = source != null && (sources.containsKey(source) || isHttpUrl(source));
      if (source == null) {
        reader.invalid(sourceKey, null, "a source name from sources.* or a feed URL");
      } else if (!known) {
        reader.invalid(
            sourceKey,
            source,
            "a source name from sources.* ("
                + String.join(", ", new TreeSet<>(sources.keySet()))
                + ") or an http(s) feed URL");
      }
      if (channel != null && known) {
        result.add(new Config.ChannelSubscription(name, channel, source));
      }
    }
    return result;
  }

  /** The names that keys of the file give to sources or subscriptions, like planet-python. */
  private Set<String> namesInTheFile(List<Key<?>> keys) {
    Set<String> names = new TreeSet<>();
    for (Key<?> key : keys) {
      String[] around = key.name().split(Pattern.quote(Key.NAME));
      Pattern pattern =
          Pattern.compile(Pattern.quote(around[0]) + "([^.]+)" + Pattern.quote(around[1]));
      for (String fileKey : fileKeys) {
        Matcher m = pattern.matcher(fileKey);
        if (m.matches()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  /** " (from ORRERY_SOURCES_…)" when a variable made the source {@code name}; else nothing. */
  private String setBy(String name) {
    for (Key<?> key : ConfigKeys.SOURCE) {
      Environment.Found found = environment.find(key.named(name));
      if (found != null) {
        return " (from " + found.variable() + ")";
      }
    }
    return "";
  }

  private static boolean isHttpUrl(String text) {
    return Rules.url("http", "https").parse(text) != null;
  }
}
