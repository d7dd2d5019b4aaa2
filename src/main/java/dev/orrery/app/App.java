package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.discord.DiscordBot;
import dev.orrery.feed.FetcherSettings;
import java.time.InstantSource;

/**
 * The whole bot, wired with constructors in one place: the feed side, then Discord, then polling
 * and digests. Closing stops those first, so nothing new is queued while deliveries are parked.
 */
public final class App implements AutoCloseable {
  private final FeedSide side;
  private final DiscordBot bot;

  private App(FeedSide side, DiscordBot bot) {
    this.side = side;
    this.bot = bot;
  }

  /**
   * Opens the database, logs in to Discord and starts polling.
   *
   * @throws dev.orrery.discord.DiscordStartException when Discord refuses the token, or cannot be
   *     reached within {@code discord.start-timeout}
   */
  public static App start(Config config, InstantSource clock) throws InterruptedException {
    return start(new FeedSide(config, clock));
  }

  /** As {@link #start(Config, InstantSource)}, fetching feeds with settings of the caller's. */
  public static App start(Config config, FetcherSettings fetcher, InstantSource clock)
      throws InterruptedException {
    return start(new FeedSide(config, fetcher, clock));
  }

  private static App start(FeedSide side) throws InterruptedException {
    DiscordBot bot = null;
    try {
      side.clearConsoleLeftovers();
      bot = DiscordBot.start(side.botParts(), side.cluster());
      side.scheduler.start();
      // after the bot, which listens for digests to post: one missed while down is closed now
      side.digestScheduler.start();
      return new App(side, bot);
    } catch (InterruptedException | RuntimeException e) {
      if (bot != null) {
        bot.close();
      }
      side.close();
      throw e;
    }
  }

  public DiscordBot bot() {
    return bot;
  }

  /** The stores and services the bot stands on. */
  public FeedSide feedSide() {
    return side;
  }

  @Override
  public void close() {
    side.scheduler.close();
    side.digestScheduler.close();
    bot.close();
    side.close();
  }
}
