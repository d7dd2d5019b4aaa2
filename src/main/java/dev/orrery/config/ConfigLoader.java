package dev.orrery.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code bot.properties} and the environment into a validated {@link Config}.
 *
 * <p>Every key is declared once, in {@link #read}, with its default and its rule. Environment
 * variables override the file: {@code ORRERY_} and the key upper-cased, with dots and dashes as
 * underscores ({@code ORRERY_POLL_INTERVAL}); {@code DISCORD_TOKEN} is accepted for the token.
 */
public final class ConfigLoader {
  public static final String DEFAULT_USER_AGENT =
      "Orrery/" + Version.current() + " (+" + Version.HOME_PAGE + ")";

  private static final Pattern SOURCE_KEY =
      Pattern.compile("sources\\.([^.]+)\\.(url|title|color)");
  private static final Pattern SUBSCRIPTION_KEY =
      Pattern.compile("subscriptions\\.([^.]+)\\.(channel|source)");
  private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Pattern SNOWFLAKE = Pattern.compile("\\d{17,20}");
  private static final Pattern COLOR = Pattern.compile("#?([0-9a-fA-F]{6})");
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  private final Map<String, String> env;

  /**
   * @param env the process environment, or a map standing in for it
   */
  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * Loads the file (a missing file is fine: defaults and environment still apply) and validates.
   *
   * @param tokenRequired whether a missing Discord token is a problem (the console mode needs none)
   */
  public Config load(Path file, boolean tokenRequired) throws ConfigException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      // defaults and environment alone can make a working configuration
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(List.of(file + ": cannot be read: " + e.getMessage()));
    }
    Map<String, String> values = new TreeMap<>();
    properties
        .stringPropertyNames()
        .forEach(k -> values.put(k.trim(), properties.getProperty(k).trim()));
    return read(file, values, tokenRequired);
  }

  private Config read(Path file, Map<String, String> fileValues, boolean tokenRequired)
      throws ConfigException {
    Keys keys = new Keys(fileValues, env);

    Secret token = new Secret(keys.text("discord.token", ""));
    String envToken = env.get("DISCORD_TOKEN");
    if (token.isEmpty() && envToken != null && !envToken.isBlank()) {
      token = new Secret(envToken.trim());
    }
    if (!fileValues.getOrDefault("discord.token", "").isBlank() && readableByOthers(file)) {
      keys.warning(
          file
              + " holds the bot's token and can be read by every user of this machine:"
              + " run chmod 600 "
              + file);
    }
    if (tokenRequired && token.isEmpty()) {
      keys.problem(
          "discord.token is not set: create a bot at https://discord.com/developers/applications,"
              + " copy its token (Bot > Reset Token) into bot.properties as discord.token=..., or"
              + " set the environment variable DISCORD_TOKEN");
    } else if (!token.isEmpty() && token.reveal().chars().anyMatch(Character::isWhitespace)) {
      keys.problem(
          "discord.token contains white space: paste the token exactly as Discord shows it");
    }
    List<Long> guildIds = new ArrayList<>();
    for (String id : keys.list("discord.guild-ids")) {
      if (SNOWFLAKE.matcher(id).matches()) {
        guildIds.add(Long.parseUnsignedLong(id));
      } else {
        keys.invalid(
            "discord.guild-ids", id, "a comma-separated list of server IDs (17 to 20 digits)");
      }
    }
    URI apiBase =
        keys.url("discord.api-base-url", "https://discord.com/api/v10/", Set.of("http", "https"));
    URI gateway = keys.url("discord.gateway-url", "wss://gateway.discord.gg/", Set.of("ws", "wss"));

    String dbUrl = keys.text("database.url", "jdbc:sqlite:data/orrery.db");
    if (!dbUrl.startsWith("jdbc:sqlite:")) {
      keys.invalid("database.url", dbUrl, "a SQLite JDBC URL such as jdbc:sqlite:data/orrery.db");
    }
    int poolSize = keys.integer("database.pool-size", 4, 1, 64);

    Duration interval =
        keys.duration("poll.interval", Duration.ofMinutes(10), Duration.ofSeconds(1));
    Duration defaultMin =
        interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1);
    Duration minInterval = keys.duration("poll.min-interval", defaultMin, Duration.ofSeconds(1));
    if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
      keys.warning(
          "poll.interval = "
              + Values.formatDuration(interval)
              + " polls feeds more than once a minute: be polite to feed hosts and use 1m or more"
              + " outside tests");
    }
    if (minInterval.compareTo(interval) > 0) {
      keys.problem(
          "poll.min-interval = "
              + Values.formatDuration(minInterval)
              + " is longer than poll.interval = "
              + Values.formatDuration(interval)
              + ": set poll.min-interval to poll.interval or less");
    }
    int threads = keys.integer("poll.threads", 4, 1, 64);

    String userAgent = keys.text("http.user-agent", DEFAULT_USER_AGENT);
    if (userAgent.isBlank()) {
      keys.invalid(
          "http.user-agent", userAgent, "a User-Agent that names the bot and a URL to reach you");
    }
    Duration timeout = keys.duration("http.timeout", Duration.ofSeconds(20), Duration.ofSeconds(1));
    long maxBytes = keys.size("http.max-bytes", 5L << 20, 1L << 10);
    boolean allowPrivate = keys.bool("http.allow-private-addresses", false);

    int maxPerPoll = keys.integer("deliver.max-per-poll", 5, 1, 50);
    int summaryMax = keys.integer("summary.max-length", 350, 50, 4000);
    String logLevel = keys.text("log.level", "INFO").toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(logLevel)) {
      keys.invalid("log.level", logLevel, "one of TRACE, DEBUG, INFO, WARN, ERROR");
    }

    Map<String, Config.Source> sources = readSources(keys, fileValues);
    List<Config.ChannelSubscription> subscriptions = readSubscriptions(keys, fileValues, sources);

    keys.warnAboutUnknownKeys();
    if (!keys.problems.isEmpty()) {
      throw new ConfigException(keys.problems);
    }
    return new Config(
        file,
        new Config.Discord(token, guildIds, apiBase, gateway),
        new Config.Database(dbUrl, poolSize),
        new Config.Poll(interval, minInterval, threads),
        new Config.Http(userAgent, timeout, maxBytes, allowPrivate),
        maxPerPoll,
        summaryMax,
        logLevel,
        sources,
        subscriptions,
        keys.warnings);
  }

  private static Map<String, Config.Source> readSources(Keys keys, Map<String, String> fileValues) {
    Map<String, Config.Source> sources = new LinkedHashMap<>();
    for (String name : groupNames(fileValues, SOURCE_KEY)) {
      String prefix = "sources." + name + ".";
      if (!SOURCE_NAME.matcher(name).matches()) {
        keys.problem(
            "sources."
                + name
                + ": the source name '"
                + name
                + "' must be 1 to 32 lower-case letters, digits or dashes, like planet-python");
        keys.markRead(prefix + "url", prefix + "title", prefix + "color");
        continue;
      }
      URI url = keys.url(prefix + "url", null, Set.of("http", "https"));
      if (url == null && !keys.hasProblemAbout(prefix + "url")) {
        keys.problem(
            prefix + "url is missing: every source needs the address of its RSS or Atom feed");
      }
      String title = keys.text(prefix + "title", null);
      Integer color = null;
      String colorText = keys.text(prefix + "color", null);
      if (colorText != null) {
        Matcher m = COLOR.matcher(colorText);
        if (m.matches()) {
          color = Integer.parseInt(m.group(1), 16);
        } else {
          keys.invalid(prefix + "color", colorText, "a colour as six hex digits, like #3776ab");
        }
      }
      if (url != null) {
        sources.put(
            name,
            new Config.Source(name, url, title == null || title.isBlank() ? null : title, color));
      }
    }
    return sources;
  }

  private static List<Config.ChannelSubscription> readSubscriptions(
      Keys keys, Map<String, String> fileValues, Map<String, Config.Source> sources) {
    List<Config.ChannelSubscription> result = new ArrayList<>();
    for (String n : groupNames(fileValues, SUBSCRIPTION_KEY)) {
      String prefix = "subscriptions." + n + ".";
      String channel = keys.text(prefix + "channel", null);
      String source = keys.text(prefix + "source", null);
      boolean ok = true;
      if (channel == null || !SNOWFLAKE.matcher(channel).matches()) {
        keys.invalid(
            prefix + "channel",
            channel,
            "a channel ID (17 to 20 digits; Discord: right-click the channel > Copy Channel ID)");
        ok = false;
      }
      if (source == null || source.isBlank()) {
        keys.invalid(prefix + "source", source, "a source name from sources.* or a feed URL");
        ok = false;
      } else if (!sources.containsKey(source) && !isHttpUrl(source)) {
        keys.invalid(
            prefix + "source",
            source,
            "a source name from sources.* ("
                + String.join(", ", new TreeSet<>(sources.keySet()))
                + ") or an http(s) feed URL");
        ok = false;
      }
      if (ok) {
        result.add(new Config.ChannelSubscription(n, Long.parseUnsignedLong(channel), source));
      }
    }
    return result;
  }

  private static boolean readableByOthers(Path file) {
    try {
      return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false; // not a POSIX file system: nothing to check
    }
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      return uri.isAbsolute()
          && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static Set<String> groupNames(Map<String, String> fileValues, Pattern pattern) {
    Set<String> names = new TreeSet<>();
    for (String key : fileValues.keySet()) {
      Matcher m = pattern.matcher(key);
      if (m.matches()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** The keys of one load: values by precedence, what was read, and what went wrong. */
  private static final class Keys {
    private final Map<String, String> fileValues;
    private final Map<String, String> env;
    private final Set<String> read = new TreeSet<>();
    final List<String> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    Keys(Map<String, String> fileValues, Map<String, String> env) {
      this.fileValues = fileValues;
      this.env = env;
    }

    static String envName(String key) {
      return "ORRERY_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The raw value: environment, else file, else null. */
    String raw(String key) {
      read.add(key);
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        return fromEnv.trim();
      }
      return fileValues.get(key);
    }

    void markRead(String... keys) {
      read.addAll(List.of(keys));
    }

    void problem(String message) {
      problems.add(message);
    }

    void warning(String message) {
      warnings.add(message);
    }

    boolean hasProblemAbout(String key) {
      return problems.stream().anyMatch(p -> p.startsWith(key + " "));
    }

    void invalid(String key, String value, String accepted) {
      String shown = value == null ? "(empty)" : "'" + value + "'";
      problems.add(key + " = " + shown + " is not valid: use " + accepted);
    }

    String text(String key, String fallback) {
      String value = raw(key);
      return value == null || value.isEmpty() ? fallback : value;
    }

    List<String> list(String key) {
      String value = text(key, "");
      List<String> items = new ArrayList<>();
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
      return items;
    }

    <T> T parsed(String key, T fallback, Function<String, T> parser, String accepted) {
      String value = raw(key);
      if (value == null || value.isEmpty()) {
        return fallback;
      }
      T result = parser.apply(value);
      if (result == null) {
        invalid(key, value, accepted);
        return fallback;
      }
      return result;
    }

    int integer(String key, int fallback, int min, int max) {
      String accepted = "a whole number from " + min + " to " + max;
      return parsed(
          key,
          fallback,
          v -> {
            try {
              int n = Integer.parseInt(v);
              return n >= min && n <= max ? n : null;
            } catch (NumberFormatException e) {
              return null;
            }
          },
          accepted);
    }

    boolean bool(String key, boolean fallback) {
      return parsed(
          key,
          fallback,
          v ->
              switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> Boolean.TRUE;
                case "false", "no", "off" -> Boolean.FALSE;
                default -> null;
              },
          "true or false");
    }

    Duration duration(String key, Duration fallback, Duration min) {
      return parsed(
          key,
          fallback,
          v -> {
            Duration d = Values.parseDuration(v);
            return d != null && d.compareTo(min) >= 0 && d.compareTo(Duration.ofDays(7)) <= 0
                ? d
                : null;
          },
          "a duration from " + Values.formatDuration(min) + " to 7d, written like 30s, 10m or 1h");
    }

    long size(String key, long fallback, long min) {
      return parsed(
          key,
          fallback,
          v -> {
            Long n = Values.parseSize(v);
            return n != null && n >= min && n <= (1L << 30) ? n : null;
          },
          "a size from " + Values.formatSize(min) + " to 1 GB, written like 512KB or 5MB");
    }

    URI url(String key, String fallback, Set<String> schemes) {
      String accepted = "an absolute " + String.join(" or ", new TreeSet<>(schemes)) + " URL";
      String value = text(key, fallback);
      if (value == null) {
        return null;
      }
      try {
        URI uri = new URI(value);
        if (uri.isAbsolute()
            && uri.getHost() != null
            && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // reported below, with the rest
      }
      invalid(key, value, accepted);
      return null;
    }

    void warnAboutUnknownKeys() {
      for (String key : fileValues.keySet()) {
        if (!read.contains(key)) {
          String closest =
              read.stream()
                  .min(Comparator.comparingInt(known -> Levenshtein.distance(known, key)))
                  .orElse("");
          String hint =
              Levenshtein.distance(closest, key) <= Math.max(3, key.length() / 3)
                  ? "; did you mean " + closest + "?"
                  : "; see bot.properties.example for the keys";
          warnings.add(key + " is not a known key and is ignored" + hint);
        }
      }
    }
  }
}
