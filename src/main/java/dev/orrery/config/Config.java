package dev.orrery.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole validated configuration of one Orrery process. Immutable; built by {@link
 * ConfigLoader}.
 *
 * @param provenance where each value came from: the file, the environment or a default
 * @param metricsListen where /metrics and /health are served (unresolved), or null for nowhere
 * @param warnings things that work but deserve a look (typos, impolite poll intervals)
 */
public record Config(
    Provenance provenance,
    Discord discord,
    Database database,
    Cluster cluster,
    Poll poll,
    Http http,
    int deliverMaxPerPoll,
    boolean deliverOnePostPerStory,
    int summaryMaxLength,
    String logLevel,
    String logFormat,
    InetSocketAddress metricsListen,
    Map<String, Source> sources,
    List<ChannelSubscription> subscriptions,
    List<String> warnings) {

  public Config {
    sources = Map.copyOf(sources);
    subscriptions = List.copyOf(subscriptions);
    warnings = List.copyOf(warnings);
  }

  /** The catalogue source with this name, if there is one. */
  public Optional<Source> source(String name) {
    return Optional.ofNullable(sources.get(name));
  }

  /**
   * How the bot reaches Discord. The token is never part of {@link #toString()}.
   *
   * @param startTimeout how long a start may keep retrying before Discord counts as unreachable
   * @param shards how many gateway shards to open, or {@link #AUTO_SHARDS} for Discord's
   *     recommended count
   */
  public record Discord(
      Secret token,
      List<Long> guildIds,
      URI apiBaseUrl,
      URI gatewayUrl,
      Duration startTimeout,
      int shards) {
    /** {@code discord.shards=auto}: as many shards as Discord recommends (JDA's -1). */
    public static final int AUTO_SHARDS = -1;

    public Discord {
      guildIds = List.copyOf(guildIds);
    }
  }

  /**
   * Where state is kept.
   *
   * @param username the PostgreSQL user, or null for the driver's default (SQLite has none)
   * @param password never part of {@link #toString()}; empty when none is set
   */
  public record Database(String url, int poolSize, String username, Secret password) {
    public Database {
      password = password == null ? new Secret("") : password;
    }

    /** A database without user or password, as SQLite is. */
    public Database(String url, int poolSize) {
      this(url, poolSize, null, null);
    }
  }

  /**
   * How a node shares the Discord shards with the other nodes on one PostgreSQL database.
   *
   * @param nodeName this process's name among the nodes, unique per database
   * @param renewEvery how often the node renews its leases and looks for shards to take
   * @param lease how long a lease lasts unrenewed: a node that stops is replaced after about this
   */
  public record Cluster(String nodeName, Duration renewEvery, Duration lease) {}

  /**
   * How often feeds are polled, and by how many threads.
   *
   * @param interval for a feed whose rhythm is not known
   * @param maxInterval the longest a feed's rhythm makes it wait (a server may ask for longer)
   * @param partitions on PostgreSQL, how many partition jobs share the feeds between the nodes
   */
  public record Poll(
      Duration interval, Duration minInterval, Duration maxInterval, int threads, int partitions) {}

  /** How feeds are fetched. */
  public record Http(
      String userAgent, Duration timeout, long maxBytes, boolean allowPrivateAddresses) {}

  /**
   * A named feed of the catalogue.
   *
   * @param color embed colour as 0xRRGGBB, or null for the default
   * @param interval how often its feed is polled, whatever its rhythm, or null to follow it
   */
  public record Source(String name, URI url, String title, Integer color, Duration interval) {
    /** A source polled at the pace of its posts. */
    public Source(String name, URI url, String title, Integer color) {
      this(name, url, title, color, null);
    }

    /** The title to show: the configured one, else the name. */
    public String displayName() {
      return title != null ? title : name;
    }
  }

  /**
   * A channel subscribed in the file rather than by a command.
   *
   * @param source a catalogue name or a feed URL
   */
  public record ChannelSubscription(String key, long channelId, String source) {}
}
