package dev.orrery.metrics;

import dev.orrery.discord.DiscordBot;
import dev.orrery.discord.DiscordReport;
import dev.orrery.discord.GatewayStatus;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.PollScheduler;
import dev.orrery.store.Census;
import dev.orrery.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.InstantSource;

/**
 * The metrics and health of one bot, wired: a Prometheus registry of its own with the libraries'
 * meters and Orrery's, served at {@code /metrics} and {@code /health} on {@code metrics.listen}.
 * Started before Discord (so a taken port fails at once), it answers {@code /health} with
 * "starting" until {@link #watch} hands it the running bot.
 */
public final class Metrics implements AutoCloseable {
  private static final Health STARTING = Health.down("starting");

  private final PrometheusMeterRegistry registry;
  private final LibraryMeters libraries;
  private final DiscordMeters discord;
  private final MetricsServer server;
  private volatile GatewayGauges gateway;
  private volatile HealthCheck health;

  private Metrics(
      PrometheusMeterRegistry registry,
      LibraryMeters libraries,
      DiscordMeters discord,
      InetSocketAddress listen) {
    this.registry = registry;
    this.libraries = libraries;
    this.discord = discord;
    this.server = new MetricsServer(listen, this::scrape, this::health);
  }

  /**
   * Registers the meters of the feed side and starts serving.
   *
   * @throws ListenException when the address cannot be listened on
   */
  public static Metrics start(
      InetSocketAddress listen,
      Database database,
      FeedFetcher fetcher,
      FeedRefresher refresher,
      InstantSource clock) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LibraryMeters libraries = new LibraryMeters(registry, database, fetcher);
    try {
      refresher.addListener(new PollMeters(registry));
      StoreGauges.register(registry, new Census(database), clock);
      return new Metrics(registry, libraries, new DiscordMeters(registry), listen);
    } catch (RuntimeException e) {
      libraries.close();
      registry.close();
      throw e;
    }
  }

  /** Where the Discord side reports its requests, deliveries and commands. */
  public DiscordReport discordReport() {
    return discord;
  }

  /** The bot runs: its shards' gateway status and its polling join the series and the health. */
  public void watch(
      DiscordBot bot, Database database, PollScheduler polling, FeedRefresher refresher) {
    GatewayStatus status = new GatewayStatus(bot);
    gateway = new GatewayGauges(registry, status);
    health = new HealthCheck(database, polling, refresher, status);
  }

  /** Where /metrics and /health are served: the port taken when port 0 was asked for. */
  public InetSocketAddress address() {
    return server.address();
  }

  private String scrape() {
    GatewayGauges shards = gateway;
    if (shards != null) {
      shards.refresh();
    }
    return registry.scrape();
  }

  private Health health() {
    HealthCheck check = health;
    return check == null ? STARTING : check.check();
  }

  /** Stops serving, then detaches the meters. */
  @Override
  public void close() {
    server.close();
    libraries.close();
    registry.close();
  }
}
