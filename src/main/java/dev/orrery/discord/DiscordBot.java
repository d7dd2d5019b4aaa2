package dev.orrery.discord;

import dev.orrery.cluster.ClusterNode;
import dev.orrery.cluster.IdentifyTurns;
import dev.orrery.config.Config;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.DigestScheduler;
import dev.orrery.poll.DigestService;
import dev.orrery.poll.FeedFinder;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.OpmlExport;
import dev.orrery.poll.OpmlImport;
import dev.orrery.poll.PollRhythm;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.poll.SubscriptionService;
import dev.orrery.store.Closure;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.DigestStore;
import dev.orrery.store.EntryStore;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.store.WebhookStore;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord side of Orrery: logs in every shard with only the GUILDS intent, registers the
 * commands, subscribes the channels of the configuration, and posts what the feed side queues.
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

  /** Our own global ceiling, under Discord's 50 requests per second. */
  static final int REQUESTS_PER_SECOND = 49;

  private final ShardRunner runner;
  private final AtomicReference<Deliverer> deliverer;
  private final ExecutorService commandPool;
  private final ExecutorService webhookWork;

  /** This node's place among the nodes of a shared database; null on a lone node. */
  private ClusterNode node;

  /** The stores and services the bot works with, wired by the application. */
  public record Parts(
      Config config,
      Catalogue catalogue,
      FeedStore feeds,
      EntryStore entries,
      SubscriptionStore subscriptions,
      DeliveryStore deliveries,
      FeedRefresher refresher,
      FeedFinder finder,
      SubscriptionService service,
      DigestStore digests,
      DigestScheduler digestScheduler,
      DigestService digestService,
      OpmlImport opmlImport,
      OpmlExport opmlExport,
      WebhookStore webhooks,
      InstantSource clock) {}

  private DiscordBot(
      ShardRunner runner,
      AtomicReference<Deliverer> deliverer,
      ExecutorService commandPool,
      ExecutorService webhookWork) {
    this.runner = runner;
    this.deliverer = deliverer;
    this.commandPool = commandPool;
    this.webhookWork = webhookWork;
  }

  /**
   * Logs in and waits until every server is loaded, then registers commands, applies the configured
   * subscriptions and starts posting (pending deliveries from before first).
   *
   * @throws DiscordStartException when Discord refuses the token, or cannot be reached within
   *     {@code discord.start-timeout}
   */
  public static DiscordBot start(Parts parts) throws InterruptedException {
    return start(parts, null);
  }

  /** How this process takes part in a cluster of nodes on one database. */
  public interface Cluster {
    /** Makes this process a node, once the bot knows how many shards there are. */
    ClusterNode join(int totalShards, ClusterNode.Listener listener);

    /** The turns the nodes take to identify their shards. */
    IdentifyTurns identifyTurns();
  }

  /**
   * As {@link #start(Parts)}, on one node of several: {@code cluster} makes the node that tells
   * which shards this one runs. A node given no shard yet starts without a gateway connection and
   * posts nothing until it gains one.
   */
  public static DiscordBot start(Parts parts, Cluster cluster) throws InterruptedException {
    return start(parts, cluster, DiscordReport.NONE);
  }

  /** As {@link #start(Parts, Cluster)}, telling {@code report} what happens (the metrics). */
  public static DiscordBot start(Parts parts, Cluster cluster, DiscordReport report)
      throws InterruptedException {
    Config.Discord discord = parts.config().discord();
    // the nodes lease shards by number: they need the count before any logs in
    int totalShards =
        cluster != null && discord.shards() == Config.Discord.AUTO_SHARDS
            ? RecommendedShards.ask(discord)
            : discord.shards();
    ExecutorService commandPool = Executors.newFixedThreadPool(4, DaemonThreads.named("command"));
    EntryRenderer renderer = new EntryRenderer(parts.catalogue());
    AtomicReference<Deliverer> deliverer = new AtomicReference<>();
    SubscriptionsCommand subscriptionsCommand =
        new SubscriptionsCommand(
            parts.subscriptions(),
            parts.feeds(),
            parts.catalogue(),
            PollRhythm.of(parts.config().poll()));
    SubscriptionPicker picker =
        new SubscriptionPicker(
            parts.service(), parts.subscriptions(), parts.feeds(), parts.catalogue());
    CommandRouter router =
        new CommandRouter(
            List.of(
                new SubscribeCommand(
                    parts.service(),
                    parts.catalogue(),
                    // a backfill asked for while the bot still starts is posted when the deliverer
                    // starts
                    () -> {
                      Deliverer started = deliverer.get();
                      if (started != null) {
                        started.wake();
                      }
                    }),
                new UnsubscribeCommand(parts.service(), parts.catalogue(), picker),
                new CustomizeCommand(
                    List.of(
                        new CustomizeFilter(
                            parts.subscriptions(), parts.entries(), parts.catalogue()),
                        new CustomizeTemplate(
                            parts.subscriptions(), parts.entries(), parts.catalogue(), renderer),
                        new CustomizeAppearance(parts.subscriptions(), parts.catalogue()),
                        new CustomizeDigest(parts.digestService(), parts.catalogue()),
                        new CustomizeForm(parts.catalogue())),
                    picker,
                    parts.digestService()),
                subscriptionsCommand,
                new LatestCommand(
                    parts.catalogue(),
                    parts.feeds(),
                    parts.entries(),
                    parts.subscriptions(),
                    parts.finder(),
                    renderer),
                new OpmlCommand(
                    parts.subscriptions(),
                    parts.opmlExport(),
                    parts.opmlImport(),
                    parts.catalogue()),
                new SourcesCommand(parts.catalogue()),
                new HelpCommand()),
            subscriptionsCommand,
            new CustomizeFormSubmission(
                picker, parts.subscriptions(), parts.entries(), parts.catalogue(), renderer),
            commandPool,
            report);

    GlobalRateLimit rate = new GlobalRateLimit(REQUESTS_PER_SECOND);
    ConfiguredSubscriptions configured =
        new ConfiguredSubscriptions(parts.config(), parts.service(), commandPool);
    // no optional intent: JDA always asks for GUILDS, which is all Orrery needs
    DefaultShardManagerBuilder builder =
        DefaultShardManagerBuilder.createLight(
                discord.token().reveal(), EnumSet.noneOf(GatewayIntent.class))
            .setShardsTotal(totalShards)
            .setRestConfig(new RestConfig().setBaseUrl(discord.apiBaseUrl().toString()))
            .setSessionController(
                cluster == null
                    ? new ConfiguredGateway(discord.gatewayUrl().toString())
                    : new SharedIdentifies(
                        discord.gatewayUrl().toString(), cluster.identifyTurns()))
            .setCompression(Compression.NONE)
            .setHttpClientBuilder(
                new OkHttpClient.Builder()
                    .addInterceptor(rate)
                    .addInterceptor(new RestReport(report))
                    .addNetworkInterceptor(rate.onTheWire()))
            .addEventListeners(
                router, new ChannelCleanup(parts.service(), commandPool), configured);
    // the store work of webhook posts, off JDA's threads
    ExecutorService webhookWork = Executors.newFixedThreadPool(2, DaemonThreads.named("webhooks"));
    // the name deliveries are claimed under: one node alone keeps one name across restarts, so a
    // restarted bot takes back its own claims at once instead of waiting for them to end
    String node = cluster == null ? "local" : parts.config().cluster().nodeName();
    ShardRunner runner =
        new ShardRunner(
            builder,
            discord,
            rate,
            shards -> {
              configured.applyToRunningShards(shards);
              startPosting(shards, parts, router, renderer, deliverer, webhookWork, node, report);
            });
    DiscordBot bot = new DiscordBot(runner, deliverer, commandPool, webhookWork);
    try {
      if (cluster == null) {
        runner.startAll();
      } else {
        bot.node = cluster.join(totalShards, runner);
        runner.onFailedStart(bot.node::giveUp);
        bot.node.start();
        // a node that gained shards at once is ready when they are; one without stands by
        runner.awaitStarts();
      }
    } catch (InterruptedException | RuntimeException e) {
      bot.close();
      throw e;
    }
    parts
        .refresher()
        .addListener(
            outcome -> {
              if (outcome instanceof RefreshOutcome.Updated updated
                  && updated.record().pending() > 0) {
                bot.wake();
              }
            });
    parts
        .digestScheduler()
        .addListener(
            (subscription, closure) -> {
              if (closure instanceof Closure.Made) {
                bot.wake();
              }
            });
    return bot;
  }

  /** Once the bot has a shard: commands, configured subscriptions, and posting. */
  private static void startPosting(
      ShardManager shards,
      Parts parts,
      CommandRouter router,
      EntryRenderer renderer,
      AtomicReference<Deliverer> deliverer,
      ExecutorService webhookWork,
      String node,
      DiscordReport report) {
    Config.Discord discord = parts.config().discord();
    log.info(
        "Logged in to Discord as {} in {} servers on shards {} of {}",
        shards.getShards().get(0).getSelfUser().getName(),
        shards.getGuilds().size(),
        shards.getShards().stream().map(s -> s.getShardInfo().getShardId()).toList(),
        shards.getShardsTotal());
    CommandRegistrar.register(shards, router.definitions(), discord.guildIds());
    // every shard is the same bot: any running one serves the bot's own REST requests
    Supplier<JDA> anyShard = () -> shards.getShards().get(0);
    WebhookPoster webhookPoster =
        new WebhookPoster(
            anyShard,
            new ChannelWebhooks(anyShard, parts.webhooks(), webhookWork, parts.clock()),
            new EarlierWebhookPost(parts.deliveries(), webhookWork));
    ChannelPoster poster = new ChannelPoster(shards, renderer, webhookPoster, parts.catalogue());
    Deliverer started =
        new Deliverer(
            poster,
            new DigestRenderer(parts.catalogue()),
            parts.deliveries(),
            parts.digests(),
            parts.subscriptions(),
            parts.service(),
            parts.clock(),
            node,
            new HeldShards(shards),
            report);
    parts
        .refresher()
        .addListener(new PauseNotifier(parts.subscriptions(), poster, parts.catalogue()));
    started.start();
    deliverer.set(started);
  }

  private void wake() {
    Deliverer started = deliverer.get();
    if (started != null) {
      started.wake();
    }
  }

  /** The shards this node runs, for tests and tools; null while it has had none. */
  public ShardManager shards() {
    return runner.shards();
  }

  /** Finishes or parks the deliveries in flight, gives the shards back, then logs out. */
  @Override
  public void close() {
    // first, so that a login finishing meanwhile starts no posting that nothing would close
    runner.refuseStarts();
    Deliverer started = deliverer.get();
    if (started != null) {
      started.close();
    }
    webhookWork.shutdown();
    commandPool.shutdown();
    try {
      commandPool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (node != null) {
      node.close();
    }
    runner.close();
  }
}
