package dev.orrery.bench;

import ch.qos.logback.classic.Level;
import dev.orrery.config.Config;
import dev.orrery.discord.DiscordBot;
import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.PollSchedule;
import dev.orrery.poll.PollScheduler;
import dev.orrery.poll.SubscriptionService;
import dev.orrery.store.Database;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.EntryStore;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import java.time.InstantSource;
import java.util.Random;
import org.slf4j.LoggerFactory;

/**
 * The bot wired as {@code App} wires it (the feed half as {@code FeedSide} does), but with its
 * refresher in the bench's hands, so a scenario can run the poll that discovers entries itself and
 * time it; the Discord half is the product's {@link DiscordBot}.
 */
final class InProcessBot implements AutoCloseable {
  /** As in {@code FeedSide}. */
  private static final int REQUESTS_PER_HOST = 4;

  final Config config;
  final InstantSource clock = InstantSource.system();
  final Database database;
  final FeedStore feeds;
  final EntryStore entries;
  final SubscriptionStore subscriptions;
  final DeliveryStore deliveries;
  final FeedFetcher fetcher;
  final FeedRefresher refresher;
  final PollScheduler scheduler;
  final SubscriptionService service;
  private DiscordBot bot;

  InProcessBot(Config config) {
    this.config = config;
    database = Database.open(config.database());
    feeds = new FeedStore(database);
    entries = new EntryStore(database, config.deliverMaxPerPoll());
    subscriptions = new SubscriptionStore(database);
    deliveries = new DeliveryStore(database);
    Config.Http http = config.http();
    fetcher =
        new FeedFetcher(
            new FetcherSettings(
                http.userAgent(),
                http.timeout(),
                http.maxBytes(),
                http.allowPrivateAddresses(),
                REQUESTS_PER_HOST));
    PollSchedule schedule =
        new PollSchedule(config.poll().interval(), config.poll().minInterval(), new Random());
    refresher =
        new FeedRefresher(
            fetcher,
            new FeedParser(),
            new EntryNormalizer(config.summaryMaxLength()),
            feeds,
            entries,
            schedule,
            clock);
    scheduler = new PollScheduler(feeds, refresher, schedule, config.poll().threads(), clock);
    service =
        new SubscriptionService(
            new Catalogue(config.sources()),
            feeds,
            entries,
            subscriptions,
            deliveries,
            refresher,
            scheduler,
            clock);
  }

  /**
   * Logs in to Discord and starts the deliverer, as {@code App.start} does (polling not started).
   */
  InProcessBot startDiscord() throws InterruptedException {
    bot =
        DiscordBot.start(
            new DiscordBot.Parts(
                config,
                new Catalogue(config.sources()),
                feeds,
                entries,
                subscriptions,
                deliveries,
                refresher,
                service,
                clock));
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
    scheduler.close();
    if (bot != null) {
      bot.close();
    }
    fetcher.close();
    database.close();
  }
}
