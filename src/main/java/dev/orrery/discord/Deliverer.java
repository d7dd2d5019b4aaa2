package dev.orrery.discord;

import dev.orrery.poll.SubscriptionService;
import dev.orrery.store.Delivery;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.DigestStore;
import dev.orrery.store.PendingDigest;
import dev.orrery.store.ShardSlice;
import dev.orrery.store.SubscriptionStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts pending deliveries and digests: oldest first per channel, one post in flight per channel,
 * many channels at once, under a global rate of our own. A delivery is marked sent, with its
 * message id, only once Discord has confirmed it; until then the row waits, across restarts. With
 * several nodes on one database, a node posts only to the guilds on the shards it holds, and sends
 * only what it claimed, so no two nodes send the same post.
 */
final class Deliverer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Deliverer.class);
  private static final int BATCH = 500;
  private static final Duration IDLE_WAKE = Duration.ofSeconds(5);

  private final ChannelPoster poster;
  private final DeliveryStore deliveries;
  private final DigestStore digests;
  private final DigestPoster digestPoster;
  private final FailureResponse failures;
  private final InstantSource clock;
  private final String node;
  private final Supplier<ShardSlice> held;
  private final DiscordReport report;
  private final Semaphore wake = new Semaphore(0);
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
  private final ExecutorService completions =
      Executors.newFixedThreadPool(2, DaemonThreads.named("deliverer-completion"));
  private final Thread loop = DaemonThreads.named("deliverer").newThread(this::run);
  private volatile boolean running = true;

  Deliverer(
      ChannelPoster poster,
      DigestRenderer digestRenderer,
      DeliveryStore deliveries,
      DigestStore digests,
      SubscriptionStore subscriptions,
      SubscriptionService service,
      InstantSource clock,
      String node,
      Supplier<ShardSlice> held,
      DiscordReport report) {
    this.poster = poster;
    this.deliveries = deliveries;
    this.digests = digests;
    this.failures = new FailureResponse(subscriptions, service, clock);
    this.digestPoster =
        new DigestPoster(poster, digestRenderer, digests, failures, completions, clock, node);
    this.clock = clock;
    this.node = node;
    this.held = held;
    this.report = report;
  }

  /** Starts posting, beginning with whatever waited from before a restart. */
  void start() {
    loop.start();
  }

  /** New deliveries may be waiting: look now rather than at the next idle wake-up. */
  void wake() {
    wake.release();
  }

  private void run() {
    while (running) {
      try {
        wake.tryAcquire(IDLE_WAKE.toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
        dispatchDue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("Delivering failed; trying again shortly", e);
      }
    }
  }

  private void dispatchDue() {
    // a channel busy when the rows are read may settle before the loop reaches it: its row is
    // stale (the delivery just sent still reads pending), so it waits for the next round
    Set<Long> busy = Set.copyOf(inFlight);
    // at most one per channel, its oldest: one message in flight per channel keeps the order
    Instant now = clock.instant();
    // asked each round: the shards a node holds change as nodes come and go
    ShardSlice slice = held.get();
    for (Delivery delivery : deliveries.nextPerChannel(now, node, slice, BATCH)) {
      dispatch(delivery.subscription().channelId(), busy, () -> post(delivery));
    }
    for (PendingDigest digest : digests.nextPerChannel(now, node, slice, BATCH)) {
      dispatch(digest.subscription().channelId(), busy, () -> digestPoster.post(digest));
    }
  }

  /** Starts a post unless its channel has one in flight; the channel is free when it is done. */
  private void dispatch(long channel, Set<Long> busy, Supplier<CompletableFuture<Void>> post) {
    if (!running || busy.contains(channel) || !inFlight.add(channel)) {
      return;
    }
    post.get()
        .whenComplete(
            (done, impossible) -> {
              inFlight.remove(channel);
              wake();
            });
  }

  /**
   * Sends the entry, records the outcome, then sends the line summing up a burst. The channel stays
   * busy until all of it is done, so nothing overtakes the summary. Never fails.
   */
  private CompletableFuture<Void> post(Delivery d) {
    long channel = d.subscription().channelId();
    if (!claimed(d)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Long> sent;
    try {
      sent =
          poster.post(
              channel,
              d.feed(),
              d.entry(),
              d.subscription(),
              Nonces.entry(channel, d.entry().id()),
              earlierSince(d));
    } catch (RuntimeException e) {
      // an entry that cannot be made into a message must not stall its channel
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.handleAsync(
            (message, error) -> {
              try {
                settle(d, message, error);
              } catch (RuntimeException e) {
                log.error("Could not record the outcome of delivery {}", d.deliveryId(), e);
              }
              return error == null && d.moreCount() > 0;
            },
            completions)
        .thenCompose(summarise -> summarise ? summary(d) : CompletableFuture.completedFuture(null));
  }

  /**
   * Whether this node won the delivery's next try. The claim records the try before it is made:
   * after a crash, the next try knows this one may have landed. Lost when the delivery settled
   * since it was read, or another node is trying it: either way there is nothing to send.
   */
  private boolean claimed(Delivery d) {
    try {
      return deliveries.claim(d.deliveryId(), node, clock.instant());
    } catch (RuntimeException e) {
      log.warn("Could not claim delivery {}; it waits for the next round", d.deliveryId(), e);
      return false;
    }
  }

  /**
   * When an earlier try of the delivery began, if one may have posted it unconfirmed; null for a
   * first try. A row tried before its first try's time was kept falls back to its queueing time.
   */
  private static Instant earlierSince(Delivery d) {
    if (d.attempts() == 0) {
      return null;
    }
    return d.attemptedAt() != null ? d.attemptedAt() : d.queuedAt();
  }

  /**
   * The burst's summary line, after the entry is recorded as sent: if the line fails, the entry is
   * not sent again, and the line alone is lost.
   */
  private CompletableFuture<Void> summary(Delivery d) {
    long channel = d.subscription().channelId();
    try {
      return poster
          .burstSummary(
              channel, d.feed(), d.moreCount(), Nonces.burstSummary(channel, d.entry().id()))
          .handle(
              (message, error) -> {
                if (error != null) {
                  log.warn(
                      "Could not post the burst summary in channel {}: {}",
                      channel,
                      error.getMessage());
                }
                return null;
              });
    } catch (RuntimeException e) {
      log.warn("Could not post the burst summary in channel {}", channel, e);
      return CompletableFuture.completedFuture(null);
    }
  }

  private void settle(Delivery d, Long messageId, Throwable error) {
    if (error == null) {
      deliveries.markSent(d.deliveryId(), messageId, clock.instant());
      report.delivered(DiscordReport.Delivery.SENT);
      return;
    }
    long id = d.deliveryId();
    SendFailure.Kind kind =
        failures.failed(
            new FailureResponse.Post() {
              @Override
              public String name() {
                return "delivery " + id;
              }

              @Override
              public void retryLater(String reason, Instant next) {
                deliveries.retryLater(id, reason, next);
              }

              @Override
              public void failed(String reason) {
                deliveries.markFailed(id, reason);
              }
            },
            d.subscription().channelId(),
            d.attempts(),
            error);
    report.delivered(
        switch (kind) {
          case TRANSIENT -> DiscordReport.Delivery.RETRIED;
          case REJECTED -> DiscordReport.Delivery.FAILED;
          case CHANNEL_GONE -> DiscordReport.Delivery.CHANNEL_GONE;
          case NO_ACCESS, NO_WEBHOOK -> DiscordReport.Delivery.PAUSED;
        });
  }

  /**
   * Stops taking new deliveries and waits a while for those in flight; the rest wait in the
   * database.
   */
  @Override
  public void close() {
    running = false;
    loop.interrupt();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    completions.shutdown();
    try {
      completions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
