package dev.orrery.discord;

import dev.orrery.config.Config;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.DigestScheduler;
import dev.orrery.poll.DigestService;
import dev.orrery.poll.FeedFinder;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.OpmlExport;
import dev.orrery.poll.OpmlImport;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.poll.SubscriptionService;
import dev.orrery.poll.SubscriptionService.SubscribeResult;
import dev.orrery.store.Closure;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.DigestStore;
import dev.orrery.store.EntryStore;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.store.WebhookStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
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
  static final int REQUESTS_PER_SECOND = 48;

  /** The name this node claims deliveries under; one node per database until nodes are named. */
  static final String NODE = "local";

  private final ShardManager shards;
  private final Deliverer deliverer;
  private final ExecutorService commandPool;
  private final ExecutorService webhookWork;

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
      ShardManager shards,
      Deliverer deliverer,
      ExecutorService commandPool,
      ExecutorService webhookWork) {
    this.shards = shards;
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
    Config.Discord discord = parts.config().discord();
    ExecutorService commandPool = Executors.newFixedThreadPool(4, DaemonThreads.named("command"));
    EntryRenderer renderer = new EntryRenderer(parts.catalogue());
    AtomicReference<Deliverer> deliverer = new AtomicReference<>();
    SubscriptionsCommand subscriptionsCommand =
        new SubscriptionsCommand(parts.subscriptions(), parts.feeds(), parts.catalogue());
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
                      if (deliverer.get() != null) {
                        deliverer.get().wake();
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
            commandPool);

    // no optional intent: JDA always asks for GUILDS, which is all Orrery needs
    DefaultShardManagerBuilder builder =
        DefaultShardManagerBuilder.createLight(
                discord.token().reveal(), EnumSet.noneOf(GatewayIntent.class))
            .setShardsTotal(discord.shards())
            .setRestConfig(new RestConfig().setBaseUrl(discord.apiBaseUrl().toString()))
            .setSessionController(new ConfiguredGateway(discord.gatewayUrl().toString()))
            .setCompression(Compression.NONE)
            .setHttpClientBuilder(
                new OkHttpClient.Builder().addInterceptor(new GlobalRateLimit(REQUESTS_PER_SECOND)))
            .addEventListeners(router, new ChannelCleanup(parts.service(), commandPool));
    ShardManager shards;
    try {
      shards = DiscordLogin.login(builder, discord);
    } catch (DiscordStartException | InterruptedException e) {
      commandPool.shutdownNow();
      throw e;
    }
    // every shard is the same bot: any one of them serves the bot's own REST requests
    JDA anyShard = shards.getShards().get(0);
    log.info(
        "Logged in to Discord as {} in {} servers on {} shards",
        anyShard.getSelfUser().getName(),
        shards.getGuilds().size(),
        shards.getShardsTotal());

    CommandRegistrar.register(shards, router.definitions(), discord.guildIds());
    // the store work of webhook posts, off JDA's threads
    ExecutorService webhookWork = Executors.newFixedThreadPool(2, DaemonThreads.named("webhooks"));
    WebhookPoster webhookPoster =
        new WebhookPoster(
            anyShard,
            new ChannelWebhooks(anyShard, parts.webhooks(), webhookWork, parts.clock()),
            new EarlierWebhookPost(parts.deliveries(), webhookWork));
    ChannelPoster poster = new ChannelPoster(shards, renderer, webhookPoster, parts.catalogue());
    deliverer.set(
        new Deliverer(
            poster,
            new DigestRenderer(parts.catalogue()),
            parts.deliveries(),
            parts.digests(),
            parts.subscriptions(),
            parts.service(),
            parts.clock(),
            NODE,
            new HeldShards(shards)));
    parts
        .refresher()
        .addListener(new PauseNotifier(parts.subscriptions(), poster, parts.catalogue()));
    parts
        .refresher()
        .addListener(
            outcome -> {
              if (outcome instanceof RefreshOutcome.Updated updated
                  && updated.record().pending() > 0) {
                deliverer.get().wake();
              }
            });
    parts
        .digestScheduler()
        .addListener(
            (subscription, closure) -> {
              if (closure instanceof Closure.Made) {
                deliverer.get().wake();
              }
            });
    subscribeConfiguredChannels(shards, parts);
    deliverer.get().start();
    return new DiscordBot(shards, deliverer.get(), commandPool, webhookWork);
  }

  private static void subscribeConfiguredChannels(ShardManager shards, Parts parts) {
    for (Config.ChannelSubscription wanted : parts.config().subscriptions()) {
      String key = "subscriptions." + wanted.key();
      GuildChannel channel = shards.getGuildChannelById(wanted.channelId());
      if (channel == null) {
        log.warn(
            "{}.channel = {}: the bot cannot see that channel; invite it or fix the ID",
            key,
            Long.toUnsignedString(wanted.channelId()));
        continue;
      }
      List<net.dv8tion.jda.api.Permission> missing = Targets.missingForBot(channel);
      if (!missing.isEmpty()) {
        log.warn(
            "{}: the bot cannot post in #{}: missing {}",
            key,
            channel.getName(),
            Targets.names(missing));
        continue;
      }
      SubscribeResult result =
          parts
              .service()
              .subscribe(
                  channel.getGuild().getIdLong(),
                  channel.getIdLong(),
                  wanted.source(),
                  null,
                  Subscription.Settings.DEFAULT,
                  null,
                  0);
      if (result instanceof SubscribeResult.Refused refused) {
        log.warn(
            "{}: could not subscribe #{} to {}: {}",
            key,
            channel.getName(),
            wanted.source(),
            refused.reason());
      } else if (result instanceof SubscribeResult.Subscribed) {
        log.info("{}: subscribed #{} to {}", key, channel.getName(), wanted.source());
      }
    }
  }

  /** The shards, for tests and tools that look at what the bot sees. */
  public ShardManager shards() {
    return shards;
  }

  /** Finishes or parks the deliveries in flight, then logs out. */
  @Override
  public void close() {
    deliverer.close();
    webhookWork.shutdown();
    commandPool.shutdown();
    try {
      commandPool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<JDA> running = shards.getShards();
    shards.shutdown();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    for (JDA shard : running) {
      try {
        if (!shard.awaitShutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
          shard.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        shard.shutdownNow();
      }
    }
  }

  /** A deleted channel takes its subscriptions with it, off JDA's event thread. */
  private static final class ChannelCleanup extends ListenerAdapter {
    private final SubscriptionService service;
    private final ExecutorService pool;

    ChannelCleanup(SubscriptionService service, ExecutorService pool) {
      this.service = service;
      this.pool = pool;
    }

    @Override
    public void onChannelDelete(ChannelDeleteEvent event) {
      long channelId = event.getChannel().getIdLong();
      try {
        pool.execute(
            () -> {
              int removed = service.channelDeleted(channelId);
              if (removed > 0) {
                log.info(
                    "Channel {} was deleted: removed its {} subscriptions", channelId, removed);
              }
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        log.warn(
            "Channel {} was deleted while shutting down: its subscriptions go at the next post",
            channelId);
      }
    }
  }
}
