package dev.orrery.config;

import static dev.orrery.config.ConfigKeys.CLUSTER_LEASE;
import static dev.orrery.config.ConfigKeys.CLUSTER_NODE_NAME;
import static dev.orrery.config.ConfigKeys.CLUSTER_RENEW_EVERY;
import static dev.orrery.config.ConfigKeys.DATABASE_PASSWORD;
import static dev.orrery.config.ConfigKeys.DATABASE_POOL_SIZE;
import static dev.orrery.config.ConfigKeys.DATABASE_URL;
import static dev.orrery.config.ConfigKeys.DATABASE_USERNAME;
import static dev.orrery.config.ConfigKeys.DELIVER_MAX_PER_POLL;
import static dev.orrery.config.ConfigKeys.DELIVER_ONE_POST_PER_STORY;
import static dev.orrery.config.ConfigKeys.DISCORD_API_BASE_URL;
import static dev.orrery.config.ConfigKeys.DISCORD_GATEWAY_URL;
import static dev.orrery.config.ConfigKeys.DISCORD_GUILD_IDS;
import static dev.orrery.config.ConfigKeys.DISCORD_SHARDS;
import static dev.orrery.config.ConfigKeys.DISCORD_START_TIMEOUT;
import static dev.orrery.config.ConfigKeys.DISCORD_TOKEN;
import static dev.orrery.config.ConfigKeys.HTTP_ALLOW_PRIVATE_ADDRESSES;
import static dev.orrery.config.ConfigKeys.HTTP_MAX_BYTES;
import static dev.orrery.config.ConfigKeys.HTTP_TIMEOUT;
import static dev.orrery.config.ConfigKeys.HTTP_USER_AGENT;
import static dev.orrery.config.ConfigKeys.LOG_FORMAT;
import static dev.orrery.config.ConfigKeys.LOG_LEVEL;
import static dev.orrery.config.ConfigKeys.METRICS_LISTEN;
import static dev.orrery.config.ConfigKeys.POLL_INTERVAL;
import static dev.orrery.config.ConfigKeys.POLL_MAX_INTERVAL;
import static dev.orrery.config.ConfigKeys.POLL_MIN_INTERVAL;
import static dev.orrery.config.ConfigKeys.POLL_PARTITIONS;
import static dev.orrery.config.ConfigKeys.POLL_THREADS;
import static dev.orrery.config.ConfigKeys.SUMMARY_MAX_LENGTH;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code bot.properties} and the environment into a validated {@link Config}, by the keys of
 * {@link ConfigKeys}. The environment beats the file, which beats the defaults: see {@link
 * Environment} for the names of the variables; {@code DISCORD_TOKEN} is accepted for the token.
 */
public final class ConfigLoader {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration HOUR = Duration.ofHours(1);

  private final Environment environment;
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
    this.environment = new Environment(env);
    this.heap = new HeapBudget(maxHeap);
  }

  /**
   * Loads a file that must exist, with the environment over it, and validates.
   *
   * @param tokenRequired whether a missing Discord token is a problem (the console mode needs none)
   */
  public Config load(Path file, boolean tokenRequired) throws ConfigException {
    return load(file, ConfigFile.read(file, true), tokenRequired);
  }

  /**
   * Loads a file that may be absent (defaults and environment alone can make a working
   * configuration), with the environment over it, and validates.
   */
  public Config loadIfPresent(Path file, boolean tokenRequired) throws ConfigException {
    return load(file, ConfigFile.read(file, false), tokenRequired);
  }

  private Config load(Path file, Map<String, String> fileValues, boolean tokenRequired)
      throws ConfigException {
    Map<String, String> values = fileValues == null ? Map.of() : fileValues;
    KeyReader reader = new KeyReader(file, values, environment);
    if (fileValues != null) {
      ConfigFile.tokenWarnings(file, values).forEach(reader::warning);
    }
    Config.Discord discord = discord(reader, file, values, tokenRequired);
    Config.Database database =
        new Config.Database(
            reader.get(DATABASE_URL),
            reader.get(DATABASE_POOL_SIZE),
            reader.get(DATABASE_USERNAME),
            reader.get(DATABASE_PASSWORD));
    Config.Cluster cluster = cluster(reader);
    Config.Poll poll = poll(reader, database.url());
    Config.Http http = http(reader, poll.threads());
    int maxPerPoll = reader.get(DELIVER_MAX_PER_POLL);
    boolean onePostPerStory = reader.get(DELIVER_ONE_POST_PER_STORY);
    int summaryMax = reader.get(SUMMARY_MAX_LENGTH);
    String logLevel = reader.get(LOG_LEVEL);
    String logFormat = reader.get(LOG_FORMAT);
    InetSocketAddress metricsListen = reader.get(METRICS_LISTEN);
    CatalogueReader catalogue = new CatalogueReader(reader, values.keySet(), environment);
    Map<String, Config.Source> sources = catalogue.sources();
    List<Config.ChannelSubscription> subscriptions = catalogue.subscriptions(sources);
    warnAboutSourcesFasterThanAllowed(reader, sources.values(), poll.minInterval());
    reader.warnAboutUnknownNames();

    Provenance provenance = new Provenance(file, fileValues != null, reader.settings());
    if (!reader.problems.isEmpty()) {
      throw new ConfigException(reader.problems, reader.warnings, provenance);
    }
    return new Config(
        provenance,
        discord,
        database,
        cluster,
        poll,
        http,
        maxPerPoll,
        onePostPerStory,
        summaryMax,
        logLevel,
        logFormat,
        metricsListen,
        sources,
        subscriptions,
        reader.warnings);
  }

  private static Config.Discord discord(
      KeyReader reader, Path file, Map<String, String> fileValues, boolean tokenRequired) {
    Secret token = reader.get(DISCORD_TOKEN);
    String variable = reader.variable(DISCORD_TOKEN);
    if (tokenRequired && (token == null || token.isEmpty())) {
      boolean inTheFile = !fileValues.getOrDefault(DISCORD_TOKEN.name(), "").isBlank();
      reader.problem(
          variable != null && inTheFile
              ? variable
                  + " (discord.token) is empty: unset it to use the token in "
                  + file
                  + ", or give the token"
              : "discord.token is not set: create a bot at"
                  + " https://discord.com/developers/applications, copy its token (Bot > Reset"
                  + " Token) into bot.properties as discord.token=..., or set the environment"
                  + " variable DISCORD_TOKEN");
    } else if (token != null && token.reveal().chars().anyMatch(Character::isWhitespace)) {
      reader.problem(
          "discord.token"
              + reader.from(DISCORD_TOKEN)
              + " contains white space: paste the token exactly as Discord shows it");
    }
    return new Config.Discord(
        token == null ? new Secret("") : token,
        reader.get(DISCORD_GUILD_IDS),
        reader.get(DISCORD_API_BASE_URL),
        reader.get(DISCORD_GATEWAY_URL),
        reader.get(DISCORD_START_TIMEOUT),
        reader.get(DISCORD_SHARDS));
  }

  private static Config.Cluster cluster(KeyReader reader) {
    String name = reader.get(CLUSTER_NODE_NAME);
    Duration renewEvery = reader.get(CLUSTER_RENEW_EVERY);
    Duration lease = reader.get(CLUSTER_LEASE);
    if (lease.compareTo(renewEvery.multipliedBy(3)) < 0) {
      reader.problem(
          reader.describe(CLUSTER_LEASE, lease)
              + " is shorter than 3 times "
              + reader.describe(CLUSTER_RENEW_EVERY, renewEvery)
              + ": one late renewal would lose the shards; lengthen cluster.lease or shorten"
              + " cluster.renew-every");
    }
    return new Config.Cluster(name == null ? ProcessName.ofThisProcess() : name, renewEvery, lease);
  }

  private static Config.Poll poll(KeyReader reader, String databaseUrl) {
    Duration interval = reader.get(POLL_INTERVAL);
    boolean fast = interval.compareTo(MINUTE) < 0;
    Duration minInterval = reader.get(POLL_MIN_INTERVAL.withDefault(fast ? interval : MINUTE));
    if (fast) {
      reader.warning(
          reader.describe(POLL_INTERVAL, interval)
              + " polls feeds more than once a minute: be polite to feed hosts and use 1m or more"
              + " outside tests");
    }
    if (minInterval.compareTo(interval) > 0) {
      reader.problem(
          reader.describe(POLL_MIN_INTERVAL, minInterval)
              + " is longer than "
              + reader.describe(POLL_INTERVAL, interval)
              + ": set poll.min-interval to poll.interval or less");
    }
    // A fast interval is a test's: every feed at that pace, as with poll.min-interval.
    Duration maxInterval =
        reader.get(
            POLL_MAX_INTERVAL.withDefault(fast || interval.compareTo(HOUR) > 0 ? interval : HOUR));
    if (maxInterval.compareTo(minInterval) < 0) {
      reader.problem(
          reader.describe(POLL_MAX_INTERVAL, maxInterval)
              + " is shorter than "
              + reader.describe(POLL_MIN_INTERVAL, minInterval)
              + ": set poll.max-interval to poll.min-interval or more");
    } else if (maxInterval.compareTo(interval) < 0) {
      // a feed with no rhythm yet is polled at poll.interval: the longest wait must allow it
      reader.problem(
          reader.describe(POLL_MAX_INTERVAL, maxInterval)
              + " is shorter than "
              + reader.describe(POLL_INTERVAL, interval)
              + ": set poll.max-interval to poll.interval or more");
    }
    int threads = reader.get(POLL_THREADS);
    int partitions = reader.get(POLL_PARTITIONS);
    if (partitions < threads && databaseUrl != null && databaseUrl.startsWith("jdbc:postgresql:")) {
      reader.warning(
          reader.describe(POLL_PARTITIONS, partitions)
              + " is fewer than "
              + reader.describe(POLL_THREADS, threads)
              + ": a partition polls one feed at a time, so threads stay idle; raise"
              + " poll.partitions");
    }
    return new Config.Poll(interval, minInterval, maxInterval, threads, partitions);
  }

  private static void warnAboutSourcesFasterThanAllowed(
      KeyReader reader, Collection<Config.Source> sources, Duration minInterval) {
    for (Config.Source source : sources) {
      if (source.interval() != null && source.interval().compareTo(minInterval) < 0) {
        reader.warning(
            reader.describe(ConfigKeys.SOURCE_INTERVAL.named(source.name()), source.interval())
                + " is shorter than "
                + reader.describe(POLL_MIN_INTERVAL, minInterval)
                + ": the source is polled every "
                + Values.formatDuration(minInterval));
      }
    }
  }

  private Config.Http http(KeyReader reader, int threads) {
    String userAgent = reader.get(HTTP_USER_AGENT);
    Duration timeout = reader.get(HTTP_TIMEOUT);
    long maxBytes = reader.get(HTTP_MAX_BYTES);
    boolean allowPrivate = reader.get(HTTP_ALLOW_PRIVATE_ADDRESSES);
    if (!reader.refused(HTTP_MAX_BYTES) && !reader.refused(POLL_THREADS)) {
      String problem =
          heap.problem(maxBytes, reader.from(HTTP_MAX_BYTES), threads, reader.from(POLL_THREADS));
      if (problem != null) {
        reader.problem(problem);
      }
    }
    return new Config.Http(userAgent, timeout, maxBytes, allowPrivate);
  }
}
