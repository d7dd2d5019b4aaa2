package dev.orrery.discord;

import dev.orrery.cluster.ClusterNode;
import dev.orrery.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the bot's gateway shards: every shard at once on a lone node, or, on a cluster,
 * the shards its node leases, one by one as the node gains and loses them. JDA's shard manager is
 * built when the first shard is gained (JDA cannot log in without starting a shard), so a node that
 * holds none yet runs no gateway connection and sends nothing.
 */
final class ShardRunner implements ClusterNode.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ShardRunner.class);

  private final DefaultShardManagerBuilder builder;
  private final Config.Discord discord;
  private final GlobalRateLimit rate;
  private final Consumer<ShardManager> firstStarted;

  /** One thread runs every start and stop in order, off the cluster's ticker. */
  private final ExecutorService work =
      Executors.newSingleThreadExecutor(DaemonThreads.named("shards"));

  private volatile ShardManager shards;
  private volatile DiscordStartException failure;

  /**
   * @param firstStarted what the bot does once it has a shard: register commands, start posting
   */
  ShardRunner(
      DefaultShardManagerBuilder builder,
      Config.Discord discord,
      GlobalRateLimit rate,
      Consumer<ShardManager> firstStarted) {
    this.builder = builder;
    this.discord = discord;
    this.rate = rate;
    this.firstStarted = firstStarted;
  }

  /**
   * Logs every shard in and waits until each is ready: the lone node's way.
   *
   * @throws DiscordStartException when Discord refuses the token, or cannot be reached in time
   */
  void startAll() throws InterruptedException {
    shards = DiscordLogin.login(builder, discord, DiscordLogin.ALL_SHARDS);
    firstStarted.accept(shards);
  }

  @Override
  public void gained(int shard) {
    work.execute(() -> start(shard));
  }

  @Override
  public void lost(int shard) {
    work.execute(() -> stop(shard));
  }

  @Override
  public void liveNodes(int count) {
    // the token's global limit belongs to every process using it
    rate.shareWith(count);
  }

  private void start(int shard) {
    if (shards != null) {
      log.info("Starting shard {}", shard);
      shards.start(shard);
      return;
    }
    builder.setShards(shard);
    try {
      shards = DiscordLogin.login(builder, discord, 1);
    } catch (DiscordStartException e) {
      failure = e;
      log.error("Shard {} could not start: {}", shard, e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    firstStarted.accept(shards);
  }

  private void stop(int shard) {
    if (shards != null) {
      log.info("Stopping shard {}: another node may take it", shard);
      shards.shutdown(shard);
    }
  }

  /**
   * Waits for the starts asked for so far: the first shard's login included.
   *
   * @throws DiscordStartException when that login failed
   */
  void awaitStarts() throws InterruptedException {
    try {
      work.submit(() -> {}).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a shard start failed", e.getCause());
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The shard manager, or null while this node has had no shard. */
  ShardManager shards() {
    return shards;
  }

  /** Logs every running shard out, waiting a while for each to close. */
  @Override
  public void close() {
    work.shutdown();
    try {
      work.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (shards == null) {
      return;
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
}
