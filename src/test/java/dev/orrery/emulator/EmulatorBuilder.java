package dev.orrery.emulator;

import java.time.Duration;
import java.time.InstantSource;

/**
 * Configures and starts a {@link DiscordEmulator}; every setting defaults to Discord's behaviour.
 */
public final class EmulatorBuilder {
  private final Settings settings = new Settings();

  EmulatorBuilder() {}

  /** Only this token logs in (REST 401, gateway close 4004); by default any token does. */
  public EmulatorBuilder token(String token) {
    settings.expectedToken = token;
    return this;
  }

  public EmulatorBuilder botName(String name) {
    settings.botName = name;
    return this;
  }

  /** The per-channel message bucket; Discord's is about 5 per 5 seconds. */
  public EmulatorBuilder channelMessageLimit(RouteLimit limit) {
    settings.channelMessageLimit = limit;
    return this;
  }

  /** The bucket of every other route. */
  public EmulatorBuilder defaultRouteLimit(RouteLimit limit) {
    settings.defaultRouteLimit = limit;
    return this;
  }

  /** Requests per second before a global 429; Discord's is 50; 0 turns it off. */
  public EmulatorBuilder globalLimitPerSecond(int limit) {
    settings.globalLimitPerSecond = limit;
    return this;
  }

  /** How long an enforced nonce is remembered per channel. */
  public EmulatorBuilder nonceWindow(Duration window) {
    settings.nonceWindow = window;
    return this;
  }

  public EmulatorBuilder heartbeatInterval(Duration interval) {
    settings.heartbeatInterval = interval;
    return this;
  }

  /**
   * How long after its creation an interaction can still be acknowledged (Discord: 3 seconds). The
   * default is lenient (15 minutes) because a busy test machine is not a slow bot.
   */
  public EmulatorBuilder interactionAckDeadline(Duration deadline) {
    settings.interactionAckDeadline = deadline;
    return this;
  }

  /**
   * Whether the bot's application has the privileged message content intent. Without it (the
   * default, as Orrery asks for none), messages the app did not send come back from the REST API
   * with empty content, embeds, files and components.
   */
  public EmulatorBuilder messageContentIntent(boolean enabled) {
    settings.messageContentIntent = enabled;
    return this;
  }

  /** The shard count {@code GET gateway/bot} recommends (1 by default). */
  public EmulatorBuilder shards(int recommended) {
    if (recommended < 1) {
      throw new IllegalArgumentException("at least one shard: " + recommended);
    }
    settings.shards = recommended;
    return this;
  }

  /**
   * The session start limit: {@code total} IDENTIFYs (Discord: 1000 a day; past it the token is
   * reset, so the gateway closes with 4004), and {@code maxConcurrency} buckets that each take one
   * IDENTIFY per 5 seconds (a faster one gets op 9 Invalid Session).
   */
  public EmulatorBuilder sessionStartLimit(int total, int maxConcurrency) {
    settings.sessionStartTotal = total;
    settings.maxConcurrency = maxConcurrency;
    return this;
  }

  /** More guilds than this on one shard: IDENTIFY closes with 4011 (Discord: 2500). */
  public EmulatorBuilder maxGuildsPerShard(int max) {
    settings.maxGuildsPerShard = max;
    return this;
  }

  public EmulatorBuilder clock(InstantSource clock) {
    settings.clock = clock;
    return this;
  }

  public DiscordEmulator start() {
    return new DiscordEmulator(settings).startServers();
  }

  /** The emulator's knobs, Discord's values by default. */
  static final class Settings {
    String expectedToken;
    String botName = "Orrery";
    RouteLimit channelMessageLimit = RouteLimit.discordChannelMessages();
    RouteLimit defaultRouteLimit = new RouteLimit(50, Duration.ofSeconds(1));
    int globalLimitPerSecond = 50;
    Duration nonceWindow = Duration.ofMinutes(5);
    Duration heartbeatInterval = Duration.ofMillis(41_250);
    Duration interactionAckDeadline = Duration.ofMinutes(15);
    InstantSource clock = InstantSource.system();
    boolean messageContentIntent;
    int shards = 1;
    int sessionStartTotal = 1000;
    int maxConcurrency = 1;
    int maxGuildsPerShard = 2500;
  }
}
