package dev.orrery.bench;

import ch.qos.logback.classic.Level;
import dev.orrery.app.FeedSide;
import dev.orrery.config.Config;
import dev.orrery.discord.DiscordBot;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import java.time.InstantSource;
import org.slf4j.LoggerFactory;

/**
 * The bot wired as {@code App} wires it (the feed half as {@code FeedSide} does), but with its
 * refresher in the bench's hands, so a scenario can run the poll that discovers entries itself and
 * time it; the Discord half is the product's {@link DiscordBot}.
 */
final class InProcessBot implements AutoCloseable {
  final Config config;
  final InstantSource clock = InstantSource.system();
  private final FeedSide side;
  final FeedStore feeds;
  final SubscriptionStore subscriptions;
  final FeedRefresher refresher;
  private DiscordBot bot;

  /** The feed side wired as the app wires it. */
  InProcessBot(Config config) {
    this.config = config;
    side = new FeedSide(config, clock);
    feeds = side.feeds;
    subscriptions = side.subscriptions;
    refresher = side.refresher;
  }

  /**
   * Logs in to Discord and starts the deliverer, as {@code App.start} does (polling not started);
   * on PostgreSQL once this node has leased its shards.
   */
  InProcessBot startDiscord() throws InterruptedException {
    // on PostgreSQL a node of a cluster, leasing its shards as App starts it
    bot = DiscordBot.start(side.botParts(), side.cluster());
    return this;
  }

  /**
   * The bench JVM has the tests' logback-test.xml (DEBUG for dev.orrery); the product logs at INFO.
   * {@code quiet} silences the per-feed INFO lines of a set-up poll of many feeds.
   */
  static void productLogging(boolean quiet) {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.orrery")).setLevel(Level.INFO);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(FeedRefresher.class))
        .setLevel(quiet ? Level.WARN : null);
  }

  @Override
  public void close() {
    side.scheduler.close();
    if (bot != null) {
      bot.close();
    }
    side.close();
  }
}
