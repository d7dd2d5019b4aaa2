package dev.orrery.discord;

import dev.orrery.cluster.ClusterNode;
import dev.orrery.config.Config;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.DefaultShardManager;
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
  /** How long a stop may take before the node moves on. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final ExecutorService work =
      Executors.newSingleThreadExecutor(DaemonThreads.named("shards"));

  private volatile ShardManager shards;
  private volatile DiscordStartException failure;
  private volatile boolean closed;

  /** The shards the node holds: a start runs only while its shard is still wanted. */
  private final Set<Integer> wanted = ConcurrentHashMap.newKeySet();

  private volatile IntConsumer failedStart = shard -> {};

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

  /** Starts nothing more, and a login under way ends without starting the bot's posting. */
  void refuseStarts() {
    closed = true;
  }

  /** What to do with a shard whose start failed: give it up, so that another node may run it. */
  void onFailedStart(IntConsumer giveUp) {
    this.failedStart = giveUp;
  }

  @Override
  public void gained(int shard) {
    wanted.add(shard);
    try {
      work.execute(() -> start(shard));
    } catch (RejectedExecutionException e) {
      log.debug("Closing: shard {} is not started", shard);
    }
  }

  /**
   * Stops the shard on the caller's thread, never behind a start that waits on Discord or the
   * database, and returns once it is stopped (or after {@link #STOP_WAIT}): the node gives its
   * lease back only then, so that no other node runs it while this one still does. A start of it
   * still queued does nothing.
   */
  @Override
  public void lost(int shard) {
    wanted.remove(shard);
    stop(shard);
  }

  /** Each round: re-splits the global rate, and stops any shard JDA runs that is not ours. */
  @Override
  public void liveNodes(int count) {
    // the token's global limit belongs to every process using it
    rate.shareWith(count);
    try {
      work.execute(this::stopUnwanted);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /**
   * JDA's {@code shutdown(id)} does not take a shard out of its start queue: one lost while queued
   * is built afterwards. It is stopped here at the next round.
   */
  private void stopUnwanted() {
    ShardManager running = shards;
    if (running == null) {
      return;
    }
    for (JDA jda : running.getShards()) {
      int shard = jda.getShardInfo().getShardId();
      if (!wanted.contains(shard)) {
        log.warn("Shard {} runs without this node's lease: stopping it", shard);
        stop(shard);
      }
    }
  }

  private void start(int shard) {
    if (closed || !wanted.contains(shard)) {
      return;
    }
    if (shards != null) {
      log.info("Starting shard {}", shard);
      clearFinishedWorker(shards);
      shards.start(shard);
      return;
    }
    builder.setShards(shard);
    ShardManager started;
    try {
      started = DiscordLogin.login(builder, discord, 1);
    } catch (DiscordStartException e) {
      failure = e;
      log.error(
          "Shard {} could not start: {}; giving it up to the other nodes", shard, e.getMessage());
      // off this thread: giving up stops the shard, which runs here
      CompletableFuture.runAsync(() -> giveUp(shard));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (closed || !wanted.contains(shard)) {
      // closed, or the shard lost, while logging in: nothing may run or start posting now
      started.shutdown();
      return;
    }
    shards = started;
    firstStarted.accept(started);
  }

  /**
   * Works around a race in JDA's {@code DefaultShardManager.login()}: it stores its queue worker's
   * Future without holding the queue's lock, and with one shard to log in the queue is empty, so
   * the worker can end before its Future is stored. That Future then stays set, and every later
   * {@code start(id)} waits for a worker that is gone: the shard never starts. A finished worker is
   * cleared here, under the queue's lock as JDA's own paths take it, before each start.
   */
  private static void clearFinishedWorker(ShardManager manager) {
    if (!(manager instanceof DefaultShardManager jdaManager)) {
      return;
    }
    try {
      Field worker = DefaultShardManager.class.getDeclaredField("worker");
      Field queue = DefaultShardManager.class.getDeclaredField("queue");
      worker.setAccessible(true);
      queue.setAccessible(true);
      synchronized (queue.get(jdaManager)) {
        Future<?> running = (Future<?>) worker.get(jdaManager);
        if (running != null && running.isDone()) {
          worker.set(jdaManager, null);
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("Could not check JDA's shard queue; a shard may be slow to start", e);
    }
  }

  private void giveUp(int shard) {
    try {
      failedStart.accept(shard);
    } catch (RuntimeException e) {
      log.warn("Could not give shard {} up: its lease ends by itself", shard, e);
    }
  }

  private void stop(int shard) {
    ShardManager running = shards;
    if (running == null) {
      return;
    }
    log.info("Stopping shard {}: another node may take it", shard);
    JDA jda = running.getShardById(shard);
    running.shutdown(shard);
    if (jda != null) {
      try {
        if (!jda.awaitShutdown(STOP_WAIT)) {
          jda.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        jda.shutdownNow();
      }
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
    closed = true;
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
