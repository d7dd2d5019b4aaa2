package dev.orrery.app;

import dev.orrery.cluster.ClusterNode;
import dev.orrery.cluster.IdentifyTurns;
import dev.orrery.config.Config;
import dev.orrery.discord.DiscordBot;
import dev.orrery.discord.PostingChecks;
import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.DigestScheduler;
import dev.orrery.poll.DigestService;
import dev.orrery.poll.FeedFinder;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.OpmlExport;
import dev.orrery.poll.OpmlImport;
import dev.orrery.poll.PollCluster;
import dev.orrery.poll.PollSchedule;
import dev.orrery.poll.PollScheduler;
import dev.orrery.poll.SubscriptionService;
import dev.orrery.poll.UnchangedPolls;
import dev.orrery.rules.SubscriptionRules;
import dev.orrery.store.ConsoleLock;
import dev.orrery.store.Database;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.Dialect;
import dev.orrery.store.DigestStore;
import dev.orrery.store.EntryStore;
import dev.orrery.store.FeedStore;
import dev.orrery.store.IdentifyBucketStore;
import dev.orrery.store.NodeStore;
import dev.orrery.store.ShardLeaseStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.store.WebhookStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Random;

/**
 * The feed half of Orrery wired together: database, stores, fetcher, refresher and the schedulers
 * of polls and digests. The bot and the console mode both stand on it; only the bot starts the
 * digests.
 */
public final class FeedSide implements AutoCloseable {
  /** Fetches to one host at once: planets share hosts, and hosts deserve politeness. */
  private static final int REQUESTS_PER_HOST = 4;

  /**
   * Unchanged polls written together, at most this many feeds or this long after the first: a crash
   * costs at most that many early polls.
   */
  private static final int UNCHANGED_BATCH = 256;

  private static final Duration UNCHANGED_DELAY = Duration.ofSeconds(1);

  public final Config config;
  public final Database database;
  public final FeedStore feeds;
  public final EntryStore entries;
  public final SubscriptionStore subscriptions;
  public final DeliveryStore deliveries;
  public final FeedFetcher fetcher;
  public final FeedRefresher refresher;
  public final PollScheduler scheduler;
  public final Catalogue catalogue;
  public final FeedFinder finder;
  public final SubscriptionService service;
  public final DigestStore digests;
  public final DigestScheduler digestScheduler;
  public final DigestService digestService;
  public final OpmlImport opmlImport;
  public final OpmlExport opmlExport;
  public final WebhookStore webhooks;
  private final InstantSource clock;
  private final UnchangedPolls unchanged;

  /** The feed side of the bot, which polls the feeds that channels want. */
  public FeedSide(Config config, InstantSource clock) {
    this(config, fetcherSettings(config), clock, false);
  }

  /**
   * The feed side of the bot, fetching with settings of the caller's: a resolver or single allowed
   * addresses, which the configuration cannot express.
   */
  public FeedSide(Config config, FetcherSettings fetcher, InstantSource clock) {
    this(config, fetcher, clock, false);
  }

  /**
   * The feed side of the console, which polls the feeds that its own subscriptions want as well as
   * the channels'.
   */
  static FeedSide forConsole(Config config, InstantSource clock) {
    return new FeedSide(config, fetcherSettings(config), clock, true);
  }

  private FeedSide(
      Config config, FetcherSettings fetcherSettings, InstantSource clock, boolean console) {
    this.clock = clock;
    this.config = config;
    this.database = Database.open(config.database());
    this.feeds = new FeedStore(database);
    SubscriptionRules rules = new SubscriptionRules();
    this.entries =
        new EntryStore(
            database, config.deliverMaxPerPoll(), rules, config.deliverOnePostPerStory());
    this.subscriptions = new SubscriptionStore(database);
    this.deliveries = new DeliveryStore(database);
    this.fetcher = new FeedFetcher(fetcherSettings, clock);
    PollSchedule schedule =
        new PollSchedule(
            config.poll().interval(),
            config.poll().minInterval(),
            config.poll().maxInterval(),
            new Random());
    this.catalogue = new Catalogue(config.sources());
    // the console prints each poll as read back from its row: it writes them at once
    this.unchanged =
        console
            ? UnchangedPolls.writeThrough(feeds)
            : new UnchangedPolls(feeds, UNCHANGED_BATCH, UNCHANGED_DELAY);
    this.refresher =
        new FeedRefresher(
            fetcher,
            new FeedParser(),
            new EntryNormalizer(config.summaryMaxLength()),
            feeds,
            entries,
            schedule,
            catalogue,
            clock,
            unchanged);
    this.scheduler = pollScheduler(schedule, console);
    this.finder = new FeedFinder(catalogue, feeds, subscriptions, refresher, clock);
    this.service =
        new SubscriptionService(
            feeds, entries, subscriptions, deliveries, finder, scheduler, rules, clock);
    this.digests = new DigestStore(database);
    this.digestScheduler = new DigestScheduler(subscriptions, digests, clock);
    this.digestService = new DigestService(subscriptions, digestScheduler, clock);
    this.opmlImport =
        new OpmlImport(
            service,
            catalogue,
            fetcherSettings.maxRequestsPerHost(),
            new PostingChecks(),
            digestScheduler,
            clock);
    this.opmlExport = new OpmlExport(feeds, catalogue, clock);
    this.webhooks = new WebhookStore(database);
  }

  /**
   * The bot on PostgreSQL polls with the other nodes on the database; on SQLite, and the console
   * always (it prints what it polled itself), it polls alone.
   */
  private PollScheduler pollScheduler(PollSchedule schedule, boolean console) {
    Config.Poll poll = config.poll();
    if (console || database.dialect() != Dialect.POSTGRESQL) {
      return new PollScheduler(feeds, refresher, schedule, poll.threads(), console, clock);
    }
    PollCluster cluster =
        new PollCluster(database.dataSource(), config.cluster().nodeName(), poll.partitions());
    return PollScheduler.clustered(feeds, refresher, schedule, poll.threads(), clock, cluster);
  }

  /**
   * Removes the console subscriptions a killed {@code orrery poll} left, when no console run holds
   * the database: deliveries would otherwise pile up for a console that is gone.
   */
  public void clearConsoleLeftovers() {
    try (ConsoleLock lock = database.tryLockConsole()) {
      if (lock != null) {
        subscriptions.deleteChannel(Subscription.CONSOLE_CHANNEL);
      }
    }
  }

  /** How the configuration says feeds are fetched. */
  public static FetcherSettings fetcherSettings(Config config) {
    Config.Http http = config.http();
    return new FetcherSettings(
        http.userAgent(),
        http.timeout(),
        http.maxBytes(),
        http.allowPrivateAddresses(),
        REQUESTS_PER_HOST);
  }

  /** What the Discord side needs of this one. */
  public DiscordBot.Parts botParts() {
    return new DiscordBot.Parts(
        config,
        catalogue,
        feeds,
        entries,
        subscriptions,
        deliveries,
        refresher,
        finder,
        service,
        digests,
        digestScheduler,
        digestService,
        opmlImport,
        opmlExport,
        webhooks,
        clock);
  }

  /**
   * How this process joins the other nodes on a PostgreSQL database; null on SQLite, where one node
   * runs every shard.
   */
  public DiscordBot.Cluster cluster() {
    if (database.dialect() != Dialect.POSTGRESQL) {
      return null;
    }
    return new DiscordBot.Cluster() {
      @Override
      public ClusterNode join(int totalShards, ClusterNode.Listener listener) {
        return new ClusterNode(
            config.cluster(),
            totalShards,
            new NodeStore(database),
            new ShardLeaseStore(database),
            clock,
            listener);
      }

      @Override
      public IdentifyTurns identifyTurns() {
        // Discord's time, not the feeds': a test's stopped clock would never give a turn again
        return new IdentifyTurns(new IdentifyBucketStore(database), InstantSource.system());
      }
    };
  }

  @Override
  public void close() {
    scheduler.close();
    unchanged.close();
    digestScheduler.close();
    fetcher.close();
    database.close();
  }
}
