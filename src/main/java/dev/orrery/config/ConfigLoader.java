package dev.orrery.config;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
  private static final Pattern COLOR = Pattern.compile("#?([0-9a-fA-F]{6})");
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  private final Map<String, String> env;
  private final HeapBudget heap;

  /**
   * @param env the process environment, or a map standing in for it
   */
  public ConfigLoader(Map<String, String> env) {
    this(env, Runtime.getRuntime().maxMemory());
  }

  /**
   * @param env the process environment, or a map standing in for it
   * @param maxHeap the most heap the process that will use the configuration may use, in bytes
   */
  public ConfigLoader(Map<String, String> env, long maxHeap) {
    this.env = Map.copyOf(env);
    this.heap = new HeapBudget(maxHeap);
  }

  /**
   * Loads the file (a missing file is fine: defaults and environment still apply) and validates.
   *
   * @param tokenRequired whether a missing Discord token is a problem (the console mode needs none)
   */
  public Config load(Path file, boolean tokenRequired) throws ConfigException {
    Properties properties = new Properties();
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      // Editors on Windows may start the file with a byte order mark: not part of the first key.
      properties.load(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
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

    Secret token = token(keys, file, fileValues, tokenRequired);
    List<Long> guildIds = new ArrayList<>();
    for (String id : keys.list("discord.guild-ids")) {
      Long guildId = Values.parseSnowflake(id);
      if (guildId != null) {
        guildIds.add(guildId);
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
              + keys.from("poll.interval")
              + " polls feeds more than once a minute: be polite to feed hosts and use 1m or more"
              + " outside tests");
    }
    if (minInterval.compareTo(interval) > 0) {
      keys.problem(
          "poll.min-interval = "
              + Values.formatDuration(minInterval)
              + keys.from("poll.min-interval")
              + " is longer than poll.interval = "
              + Values.formatDuration(interval)
              + keys.from("poll.interval")
              + ": set poll.min-interval to poll.interval or less");
    }
    int threads = keys.integer("poll.threads", 4, 1, 64);

    String userAgent = keys.text("http.user-agent", DEFAULT_USER_AGENT);
    Duration timeout = keys.duration("http.timeout", Duration.ofSeconds(20), Duration.ofSeconds(1));
    long maxBytes = keys.size("http.max-bytes", 5L << 20, 1L << 10);
    boolean allowPrivate = keys.bool("http.allow-private-addresses", false);
    String heapProblem =
        heap.problem(maxBytes, keys.from("http.max-bytes"), threads, keys.from("poll.threads"));
    if (heapProblem != null
        && !keys.hasProblemAbout("http.max-bytes")
        && !keys.hasProblemAbout("poll.threads")) {
      keys.problem(heapProblem);
    }

    int maxPerPoll = keys.integer("deliver.max-per-poll", 5, 1, 50);
    int summaryMax = keys.integer("summary.max-length", 350, 50, 4000);
    String logLevel = keys.text("log.level", "INFO").toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(logLevel)) {
      keys.invalid("log.level", logLevel, "one of TRACE, DEBUG, INFO, WARN, ERROR");
    }

    Map<String, Config.Source> sources = readSources(keys, fileValues);
    List<Config.ChannelSubscription> subscriptions = readSubscriptions(keys, fileValues, sources);

    keys.warnAboutUnknownKeys();
    keys.warnAboutUnknownVariables();
    if (!keys.problems.isEmpty()) {
      throw new ConfigException(keys.problems, keys.warnings);
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

  /**
   * The token: from ORRERY_DISCORD_TOKEN or DISCORD_TOKEN (the first that holds more than white
   * space, else the first set), which beat the file, as every variable does.
   */
  private Secret token(
      Keys keys, Path file, Map<String, String> fileValues, boolean tokenRequired) {
    keys.markRead("discord.token");
    List<String> variables = List.of(Keys.envName("discord.token"), "DISCORD_TOKEN");
    String variable =
        variables.stream()
            .filter(v -> env.get(v) != null && !env.get(v).isBlank())
            .findFirst()
            .orElse(variables.stream().filter(env::containsKey).findFirst().orElse(null));
    boolean inTheFile = !fileValues.getOrDefault("discord.token", "").isBlank();
    Secret token =
        new Secret(
            variable != null
                ? env.get(variable).trim()
                : fileValues.getOrDefault("discord.token", ""));
    if (inTheFile && readableByOthers(file)) {
      keys.warning(
          file
              + " holds the bot's token and can be read by every user of this machine:"
              + " run chmod 600 "
              + file);
    }
    if (tokenRequired && token.isEmpty()) {
      keys.problem(
          variable != null && inTheFile
              ? variable
                  + " (discord.token) is empty: unset it to use the token in "
                  + file
                  + ", or give the token"
              : "discord.token is not set: create a bot at"
                  + " https://discord.com/developers/applications, copy its token (Bot > Reset"
                  + " Token) into bot.properties as discord.token=..., or set the environment"
                  + " variable DISCORD_TOKEN");
    } else if (!token.isEmpty() && token.reveal().chars().anyMatch(Character::isWhitespace)) {
      keys.problem(
          "discord.token"
              + (variable == null ? "" : " (from " + variable + ")")
              + " contains white space: paste the token exactly as Discord shows it");
    }
    return token;
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
      Long channelId = channel == null ? null : Values.parseSnowflake(channel);
      boolean ok = true;
      if (channelId == null) {
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
        result.add(new Config.ChannelSubscription(n, channelId, source));
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
}
