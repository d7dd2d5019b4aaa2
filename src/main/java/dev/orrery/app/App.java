package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.discord.DiscordBot;
import dev.orrery.discord.DiscordReport;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.metrics.Metrics;
import java.time.InstantSource;

/**
 * The whole bot, wired with constructors in one place: the feed side, then Discord, then polling
 * and digests. Closing stops those first, so nothing new is queued while deliveries are parked.
 */
public final class App implements AutoCloseable {
  private final FeedSide side;
  private final DiscordBot bot;

  /** Null when {@code metrics.listen} is unset. */
  private final Metrics metrics;

  private App(FeedSide side, DiscordBot bot, Metrics metrics) {
    this.side = side;
    this.bot = bot;
    this.metrics = metrics;
  }

  /**
   * Opens the database, logs in to Discord and starts polling.
   *
   * @throws dev.orrery.discord.DiscordStartException when Discord refuses the token, or cannot be
   *     reached within {@code discord.start-timeout}
   * @throws dev.orrery.metrics.ListenException when {@code metrics.listen} cannot be listened on
   */
  public static App start(Config config, InstantSource clock) throws InterruptedException {
    return start(new FeedSide(config, clock), clock);
  }

  /** As {@link #start(Config, InstantSource)}, fetching feeds with settings of the caller's. */
  public static App start(Config config, FetcherSettings fetcher, InstantSource clock)
      throws InterruptedException {
    return start(new FeedSide(config, fetcher, clock), clock);
  }

  private static App start(FeedSide side, InstantSource clock) throws InterruptedException {
    DiscordBot bot = null;
    Metrics metrics = null;
    try {
      side.clearConsoleLeftovers();
      metrics = metrics(side, clock);
      bot =
          DiscordBot.start(
              side.botParts(),
              side.cluster(),
              metrics == null ? DiscordReport.NONE : metrics.discordReport());
      side.scheduler.start();
      // after the bot, which listens for digests to post: one missed while down is closed now
      side.digestScheduler.start();
      if (metrics != null) {
        metrics.watch(bot, side.database, side.scheduler, side.refresher);
      }
      return new App(side, bot, metrics);
    } catch (InterruptedException | RuntimeException e) {
      if (metrics != null) {
        metrics.close();
      }
      if (bot != null) {
        bot.close();
      }
      side.close();
      throw e;
    }
  }

  /** Serves /metrics and /health before Discord is reached; null when metrics.listen is unset. */
  private static Metrics metrics(FeedSide side, InstantSource clock) {
    if (side.config.metricsListen() == null) {
      return null;
    }
    return Metrics.start(
        side.config.metricsListen(), side.database, side.fetcher, side.refresher, clock);
  }

  public DiscordBot bot() {
    return bot;
  }

  /** The metrics and health served on metrics.listen; null when it is unset. */
  public Metrics metrics() {
    return metrics;
  }

  /** The stores and services the bot stands on. */
  public FeedSide feedSide() {
    return side;
  }

  @Override
  public void close() {
    if (metrics != null) {
      metrics.close();
    }
    side.scheduler.close();
    side.digestScheduler.close();
    bot.close();
    side.close();
  }
}
