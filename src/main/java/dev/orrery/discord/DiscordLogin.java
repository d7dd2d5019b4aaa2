package dev.orrery.discord;

import dev.orrery.config.Config;
import dev.orrery.config.Values;
import dev.orrery.discord.DiscordStartException.Kind;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.CloseCode;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in to Discord within {@code discord.start-timeout}: what may pass (network errors, 5xx, no
 * answer, 429) is asked again after a growing pause, then the gateway has what is left of the time
 * to make every shard ready.
 */
final class DiscordLogin {
  private static final Logger log = LoggerFactory.getLogger(DiscordLogin.class);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
  private static final Duration LONGEST_ATTEMPT = Duration.ofSeconds(10);

  /** Less time than this left: not worth another attempt. */
  private static final Duration SHORTEST_ATTEMPT = Duration.ofSeconds(1);

  /** For {@link #login}: wait for every shard of the bot. */
  static final int ALL_SHARDS = -1;

  private final Config.Discord discord;
  private final LoginProbe probe;
  private final long deadline;

  private DiscordLogin(Config.Discord discord) {
    this.discord = discord;
    this.probe =
        new LoginProbe(
            new OkHttpClient(), discord.apiBaseUrl().toString(), discord.token().reveal());
    this.deadline = System.nanoTime() + discord.startTimeout().toNanos();
  }

  /**
   * Builds the shard manager from {@code builder} once Discord answers, and returns it with the
   * shards it runs ready.
   *
   * @param running how many shards the builder starts, or {@link #ALL_SHARDS}
   * @throws DiscordStartException when Discord refuses the token, or cannot be reached in time
   */
  static ShardManager login(DefaultShardManagerBuilder builder, Config.Discord discord, int running)
      throws InterruptedException {
    return new DiscordLogin(discord).login(builder, running);
  }

  private ShardManager login(DefaultShardManagerBuilder builder, int running)
      throws InterruptedException {
    Duration pause = FIRST_PAUSE;
    while (true) {
      LoginProbe.Unreachable failure;
      LoginProbe.Answer answer = probe.ask(min(LONGEST_ATTEMPT, left()));
      if (answer instanceof LoginProbe.TokenRefused) {
        throw tokenRefused();
      } else if (answer instanceof LoginProbe.Unreachable unreachable) {
        if (!unreachable.transientFailure()) {
          throw api("could not be used", unreachable);
        }
        failure = unreachable;
      } else {
        ShardManager shards = build(builder, running);
        if (shards != null) {
          return shards;
        }
        failure =
            new LoginProbe.Unreachable(
                "JDA's own login request failed",
                "check the network and discord.api-base-url",
                true,
                Duration.ZERO);
      }
      // whole seconds, and at least one left for the next attempt
      Duration wait =
          min(max(pause, failure.retryAfter()), left().minus(SHORTEST_ATTEMPT))
              .truncatedTo(ChronoUnit.SECONDS);
      if (wait.compareTo(Duration.ofSeconds(1)) < 0) {
        throw api("could not be reached within " + timeout(), failure);
      }
      log.warn(
          "Discord's API at {} could not be reached ({}); trying again in {}",
          discord.apiBaseUrl(),
          failure.problem(),
          Values.formatDuration(wait));
      TimeUnit.MILLISECONDS.sleep(wait.toMillis());
      pause = min(pause.multipliedBy(2), LONGEST_PAUSE);
    }
  }

  /** The shards logged in and ready, or null when JDA's own login failed in a way that may pass. */
  private ShardManager build(DefaultShardManagerBuilder builder, int running)
      throws InterruptedException {
    ReadyOrShutdown watch = new ReadyOrShutdown();
    builder.addEventListeners(watch);
    ShardManager shards;
    try {
      shards = builder.build();
    } catch (InvalidTokenException e) {
      throw tokenRefused();
    } catch (ErrorResponseException e) {
      log.debug("JDA could not log in", e);
      return null;
    } finally {
      builder.removeEventListeners(watch);
    }
    boolean finished;
    try {
      // the total is known once built: Discord's recommended count was asked for on the way
      finished = watch.await(running == ALL_SHARDS ? shards.getShardsTotal() : running, left());
    } catch (InterruptedException e) {
      stopNow(shards);
      throw e;
    }
    shards.removeEventListener(watch);
    if (finished && watch.closeCode == null) {
      return shards;
    }
    stopNow(shards);
    if (!finished) {
      throw new DiscordStartException(
          Kind.UNREACHABLE,
          "the Discord gateway at "
              + discord.gatewayUrl()
              + " did not accept the connection within "
              + timeout()
              + ": check discord.gateway-url and the network");
    }
    if (watch.closeCode == CloseCode.AUTHENTICATION_FAILED.getCode()) {
      throw tokenRefused();
    }
    throw new DiscordStartException(
        Kind.UNREACHABLE,
        "the Discord gateway at "
            + discord.gatewayUrl()
            + " closed the connection for good (close code "
            + watch.closeCode
            + "): check discord.gateway-url");
  }

  private DiscordStartException api(String what, LoginProbe.Unreachable failure) {
    return new DiscordStartException(
        Kind.UNREACHABLE,
        "Discord's API at "
            + discord.apiBaseUrl()
            + " "
            + what
            + " ("
            + failure.problem()
            + "): "
            + failure.advice());
  }

  private static DiscordStartException tokenRefused() {
    return new DiscordStartException(
        Kind.TOKEN_REFUSED,
        "Discord refused the token (401 Unauthorized): check discord.token; resetting a token in"
            + " the developer portal invalidates the old one");
  }

  private String timeout() {
    return Values.formatDuration(discord.startTimeout());
  }

  private Duration left() {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Ends every shard at once and the manager's own threads. */
  static void stopNow(ShardManager shards) {
    List<JDA> started = shards.getShards();
    shards.shutdown();
    started.forEach(JDA::shutdownNow);
  }

  /** Notes whether every shard became ready, or one shut down (a fatal close code) first. */
  private static final class ReadyOrShutdown extends ListenerAdapter {
    private int ready;
    volatile Integer closeCode;

    /** Whether {@code shards} shards became ready, or one shut down, within the time. */
    synchronized boolean await(int shards, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (ready < shards && closeCode == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }

    @Override
    public synchronized void onReady(ReadyEvent event) {
      ready++;
      notifyAll();
    }

    @Override
    public synchronized void onShutdown(ShutdownEvent event) {
      closeCode = event.getCode();
      notifyAll();
    }
  }
}
