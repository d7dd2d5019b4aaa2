package dev.orrery.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every key of the configuration, declared once: name, default, rule, secret flag and what it is
 * for. Loading, {@code orrery check}, the suggestions for a misspelled key and the test that
 * bot.properties.example documents every key all read this table.
 */
final class ConfigKeys {
  static final String DEFAULT_USER_AGENT =
      "Orrery/" + Version.current() + " (+" + Version.HOME_PAGE + ")";

  /** Discord's largest bots run a few thousand shards. */
  private static final int MAX_SHARDS = 10_000;

  static final Key<Secret> DISCORD_TOKEN =
      Key.of(
              "discord.token",
              Rules.secret(),
              null,
              "The bot's token: https://discord.com/developers/applications > your app > Bot >"
                  + " Reset Token")
          .masked()
          .alsoFrom("DISCORD_TOKEN");
  static final Key<List<Long>> DISCORD_GUILD_IDS =
      Key.of(
          "discord.guild-ids",
          Rules.snowflakes("a comma-separated list of server IDs (17 to 20 digits)"),
          List.of(),
          "Servers (guild IDs, comma-separated) to register the slash commands in directly");
  static final Key<URI> DISCORD_API_BASE_URL =
      Key.of(
          "discord.api-base-url",
          Rules.url("http", "https"),
          URI.create("https://discord.com/api/v10/"),
          "Where Discord's REST API is");
  static final Key<URI> DISCORD_GATEWAY_URL =
      Key.of(
          "discord.gateway-url",
          Rules.url("ws", "wss"),
          URI.create("wss://gateway.discord.gg/"),
          "Where Discord's gateway is");
  static final Key<Duration> DISCORD_START_TIMEOUT =
      Key.of(
          "discord.start-timeout",
          Rules.duration(Duration.ofSeconds(1)),
          Duration.ofMinutes(2),
          "How long `orrery run` keeps trying to reach Discord at start before it gives up (exit"
              + " 3)");
  static final Key<Integer> DISCORD_SHARDS =
      Key.of(
          "discord.shards",
          Rules.shardCount(MAX_SHARDS),
          Config.Discord.AUTO_SHARDS,
          "How many gateway shards the bot opens: auto (the count Discord recommends) or 1 to "
              + MAX_SHARDS);

  static final Key<String> DATABASE_URL =
      Key.of(
          "database.url",
          Rules.databaseUrl(),
          "jdbc:sqlite:data/orrery.db",
          "Where the state is kept: a SQLite file (its folder is created), or a PostgreSQL"
              + " database as jdbc:postgresql://host:5432/orrery");
  static final Key<String> DATABASE_USERNAME =
      Key.of(
          "database.username",
          Rules.text(),
          null,
          "The user Orrery connects to PostgreSQL as (SQLite has none)");
  static final Key<Secret> DATABASE_PASSWORD =
      Key.of(
              "database.password",
              Rules.secret(),
              null,
              "That user's password (SQLite has none); better set as ORRERY_DATABASE_PASSWORD")
          .masked();
  static final Key<Integer> DATABASE_POOL_SIZE =
      Key.of("database.pool-size", Rules.wholeNumber(1, 64), 4, "Connections in the pool, 1 to 64");

  static final Key<String> CLUSTER_NODE_NAME =
      Key.of(
          "cluster.node-name",
          Rules.nodeName(),
          null,
          "This process's name among the nodes sharing a PostgreSQL database, unique among them:"
              + " letters, digits and . _ : @ -, up to 100; unset, the host name and process ID");
  static final Key<Duration> CLUSTER_RENEW_EVERY =
      Key.of(
          "cluster.renew-every",
          Rules.duration(Duration.ofMillis(100)),
          Duration.ofSeconds(3),
          "How often a node on PostgreSQL renews its shard leases and takes free shards");
  static final Key<Duration> CLUSTER_LEASE =
      Key.of(
          "cluster.lease",
          Rules.duration(Duration.ofMillis(300)),
          Duration.ofSeconds(15),
          "How long a shard lease lasts unrenewed: another node takes the shards of a stopped one"
              + " after about this; at least 3 times cluster.renew-every");

  static final Key<Duration> POLL_INTERVAL =
      Key.of(
          "poll.interval",
          Rules.duration(Duration.ofSeconds(1)),
          Duration.ofMinutes(10),
          "How often a feed is fetched (±10% jitter) until its posts show a rhythm, from 1s");
  static final Key<Duration> POLL_MIN_INTERVAL =
      Key.of(
          "poll.min-interval",
          Rules.duration(Duration.ofSeconds(1)),
          Duration.ofMinutes(1),
          "The shortest wait between two polls of a feed, whatever a server asks");
  static final Key<Duration> POLL_MAX_INTERVAL =
      Key.of(
          "poll.max-interval",
          Rules.duration(Duration.ofSeconds(1)),
          Duration.ofHours(1),
          "The longest wait the rhythm of a feed's posts gives it (a server may ask for longer);"
              + " not shorter than poll.interval, which is the default when that is longer or"
              + " under a minute");
  static final Key<Integer> POLL_THREADS =
      Key.of(
          "poll.threads", Rules.wholeNumber(1, 64), 4, "Feeds fetched at the same time, 1 to 64");
  static final Key<Integer> POLL_PARTITIONS =
      Key.of(
          "poll.partitions",
          Rules.wholeNumber(1, 1024),
          64,
          "On PostgreSQL, the shares of the feeds that the nodes poll, each share by one node at a"
              + " time, 1 to 1024; the same on every node");

  static final Key<String> HTTP_USER_AGENT =
      Key.of(
          "http.user-agent",
          Rules.text(),
          DEFAULT_USER_AGENT,
          "The User-Agent header of each fetch: name the bot and how to reach its operator");
  static final Key<Duration> HTTP_TIMEOUT =
      Key.of(
          "http.timeout",
          Rules.duration(Duration.ofSeconds(1)),
          Duration.ofSeconds(20),
          "Connect, read and overall deadline of one fetch");
  static final Key<Long> HTTP_MAX_BYTES =
      Key.of(
          "http.max-bytes",
          Rules.size(1L << 10),
          5L << 20,
          "The largest feed accepted, after decompression, 1KB to 1GB");
  static final Key<Boolean> HTTP_ALLOW_PRIVATE_ADDRESSES =
      Key.of(
          "http.allow-private-addresses",
          Rules.bool(),
          false,
          "Fetch feeds on loopback and private networks (self-hosted feeds)");

  static final Key<Integer> DELIVER_MAX_PER_POLL =
      Key.of(
          "deliver.max-per-poll",
          Rules.wholeNumber(1, 50),
          5,
          "New entries posted per subscription per poll, 1 to 50; the rest are summed up in one"
              + " line");
  static final Key<Boolean> DELIVER_ONE_POST_PER_STORY =
      Key.of(
          "deliver.one-post-per-story",
          Rules.bool(),
          true,
          "A channel gets a story once when two of its sources carry it (same link or guid, within"
              + " 30 days)");
  static final Key<Integer> SUMMARY_MAX_LENGTH =
      Key.of(
          "summary.max-length",
          Rules.wholeNumber(50, 4000),
          350,
          "Characters of an entry's summary in its post, 50 to 4000");
  static final Key<String> LOG_LEVEL =
      Key.of(
          "log.level",
          Rules.oneOf("TRACE", "DEBUG", "INFO", "WARN", "ERROR"),
          "INFO",
          "How much the bot logs, to standard error: TRACE, DEBUG, INFO, WARN or ERROR");
  static final Key<String> LOG_FORMAT =
      Key.of(
          "log.format",
          Rules.oneOf("text", "json"),
          "text",
          "How log lines are written: text (readable lines) or json (one JSON object per line,"
              + " for a log collector)");
  static final Key<InetSocketAddress> METRICS_LISTEN =
      Key.of(
          "metrics.listen",
          Rules.hostPort(),
          null,
          "Where to serve Prometheus metrics at /metrics and a health check at /health, as"
              + " host:port (0.0.0.0:9108 in Docker); unset, none is served");

  static final Key<URI> SOURCE_URL =
      Key.of(
          "sources.<name>.url",
          Rules.url("http", "https"),
          null,
          "The address of the source's RSS or Atom feed (required)");
  static final Key<String> SOURCE_TITLE =
      Key.of("sources.<name>.title", Rules.text(), null, "The name shown for the source");
  static final Key<Integer> SOURCE_COLOR =
      Key.of("sources.<name>.color", Rules.color(), null, "The colour of its posts, as #RRGGBB");
  static final Key<Duration> SOURCE_INTERVAL =
      Key.of(
          "sources.<name>.interval",
          Rules.duration(Duration.ofSeconds(1)),
          null,
          "How often its feed is fetched, whatever the rhythm of its posts (never under"
              + " poll.min-interval; a server may ask for longer)");
  static final Key<Boolean> SOURCE_ENABLED =
      Key.of(
          "sources.<name>.enabled",
          Rules.bool(),
          true,
          "Whether the catalogue offers the source: false removes a built-in one");

  static final Key<Long> SUBSCRIPTION_CHANNEL =
      Key.of(
          "subscriptions.<name>.channel",
          Rules.snowflake(
              "a channel ID (17 to 20 digits; Discord: right-click the channel > Copy Channel ID)"),
          null,
          "The ID of a channel to subscribe when the bot starts");
  static final Key<String> SUBSCRIPTION_SOURCE =
      Key.of(
          "subscriptions.<name>.source",
          Rules.text(),
          null,
          "What the channel is subscribed to: a source's name or a feed URL");

  /** The keys that are always there, in the order {@code orrery check} lists them. */
  static final List<Key<?>> FIXED =
      List.of(
          DISCORD_TOKEN,
          DISCORD_GUILD_IDS,
          DISCORD_API_BASE_URL,
          DISCORD_GATEWAY_URL,
          DISCORD_START_TIMEOUT,
          DISCORD_SHARDS,
          DATABASE_URL,
          DATABASE_USERNAME,
          DATABASE_PASSWORD,
          DATABASE_POOL_SIZE,
          CLUSTER_NODE_NAME,
          CLUSTER_RENEW_EVERY,
          CLUSTER_LEASE,
          POLL_INTERVAL,
          POLL_MIN_INTERVAL,
          POLL_MAX_INTERVAL,
          POLL_THREADS,
          POLL_PARTITIONS,
          HTTP_USER_AGENT,
          HTTP_TIMEOUT,
          HTTP_MAX_BYTES,
          HTTP_ALLOW_PRIVATE_ADDRESSES,
          DELIVER_MAX_PER_POLL,
          DELIVER_ONE_POST_PER_STORY,
          SUMMARY_MAX_LENGTH,
          LOG_LEVEL,
          LOG_FORMAT,
          METRICS_LISTEN);

  /** The keys of one source, {@code sources.<name>.*}. */
  static final List<Key<?>> SOURCE =
      List.of(SOURCE_ENABLED, SOURCE_URL, SOURCE_TITLE, SOURCE_COLOR, SOURCE_INTERVAL);

  /** The keys of one subscription, {@code subscriptions.<name>.*}. */
  static final List<Key<?>> SUBSCRIPTION = List.of(SUBSCRIPTION_CHANNEL, SUBSCRIPTION_SOURCE);

  private ConfigKeys() {}

  /** Every key, the keys of sources and subscriptions with {@code <name>} in them. */
  static List<Key<?>> all() {
    List<Key<?>> all = new ArrayList<>(FIXED);
    all.addAll(SOURCE);
    all.addAll(SUBSCRIPTION);
    return all;
  }
}
