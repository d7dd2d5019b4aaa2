package dev.orrery.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.faults.FaultyFeedServer.Kind;
import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.PollSchedule;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.store.Admission;
import dev.orrery.store.Database;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.TestClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import okhttp3.Dns;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, item 3: a whole poll cycle over many feeds on loopback where 40% misbehave (a byte a
 * second, never an answer, garbage, gzip bombs, redirect loops), through the real fetcher, parser,
 * normaliser and SQLite stores. The cycle ends within its timeouts, healthy feeds get their new
 * entry stored and queued, heap stays bounded, and every failure keeps a readable reason.
 */
class FeedFaultsAtScaleTest {
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
  static final long MAX_BYTES = 1024 * 1024;
  static final int BOMB_BYTES = 64 * 1024 * 1024;
  static final long HEAP_GROWTH_BOUND = 256L * 1024 * 1024;
  static final Pattern FEED_HOST = Pattern.compile("f\\d+\\.feeds\\.test");

  @TempDir Path dir;

  /** Out of every 20 feeds: 2 drip, 2 silent, 2 garbage, 1 bomb, 1 redirect loop, 12 healthy. */
  static Kind kindOf(int n) {
    return switch (n % 20) {
      case 0, 1 -> Kind.DRIP;
      case 2, 3 -> Kind.SILENT;
      case 4, 5 -> Kind.GARBAGE;
      case 6 -> Kind.GZIP_BOMB;
      case 7 -> Kind.REDIRECT_LOOP;
      default -> Kind.HEALTHY;
    };
  }

  @Test
  @Timeout(120)
  void twoHundredFeedsWithFortyPercentFaulty() throws Exception {
    run(200, 16);
  }

  @Test
  @Tag("soak")
  @Timeout(600)
  void oneThousandFeedsWithFortyPercentFaulty() throws Exception {
    run(1000, 32);
  }

  private void run(int feedCount, int threads) throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-05-01T10:00:00Z"));
    try (FaultyFeedServer server =
            new FaultyFeedServer(FeedFaultsAtScaleTest::kindOf, BOMB_BYTES, 10);
        Database db =
            Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 4));
        FeedFetcher fetcher = new FeedFetcher(settings())) {
      FeedStore feeds = new FeedStore(db);
      EntryStore entries = new EntryStore(db, 5, Admission.EVERYTHING, true);
      SubscriptionStore subscriptions = new SubscriptionStore(db);
      DeliveryStore deliveries = new DeliveryStore(db);
      FeedRefresher refresher =
          new FeedRefresher(
              fetcher,
              new FeedParser(),
              new EntryNormalizer(350),
              feeds,
              entries,
              new PollSchedule(Duration.ofMinutes(10), Duration.ofMinutes(1), new Random(7)),
              new Catalogue(Map.of()),
              clock);

      Map<Long, Kind> kindByFeed = new TreeMap<>();
      Map<Kind, Integer> census = new EnumMap<>(Kind.class);
      for (int n = 0; n < feedCount; n++) {
        // one host per feed, as on the internet; all of them resolve to the server on 127.0.0.1
        String url = "http://f" + n + ".feeds.test:" + server.port() + "/f/" + n;
        Feed feed = feeds.findOrCreate(url, clock.instant());
        subscriptions.create(1, 100 + n % 10, feed.id(), null, null, clock.instant());
        kindByFeed.put(feed.id(), kindOf(n));
        census.merge(kindOf(n), 1, Integer::sum);
      }
      int healthy = census.get(Kind.HEALTHY);
      assertThat(feeds.watched()).hasSize(feedCount);

      long heapBefore = usedHeapAfterGc();
      HeapSampler sampler = new HeapSampler();
      sampler.start();

      Cycle first = cycle(refresher, feeds.watched(), threads);
      assertThat(first.outcomes()).hasSize(feedCount);
      for (RefreshOutcome outcome : first.outcomes()) {
        if (kindByFeed.get(outcome.feed().id()) == Kind.HEALTHY) {
          assertThat(outcome)
              .as(outcome.feed().url())
              .isInstanceOfSatisfying(
                  RefreshOutcome.Updated.class,
                  u -> {
                    assertThat(u.record().baseline()).isTrue();
                    assertThat(u.record().inserted()).hasSize(10);
                    assertThat(u.record().pending()).isZero();
                  });
        } else {
          assertThat(outcome).as(outcome.feed().url()).isInstanceOf(RefreshOutcome.Failed.class);
        }
      }
      assertThat(deliveries.count("pending")).isZero();

      server.publish();
      clock.advance(Duration.ofMinutes(10));
      Cycle second = cycle(refresher, feeds.watched(), threads);
      sampler.stop();
      long heapAfter = usedHeapAfterGc();

      assertThat(second.outcomes()).hasSize(feedCount);
      int newEntries = 0;
      for (RefreshOutcome outcome : second.outcomes()) {
        if (kindByFeed.get(outcome.feed().id()) == Kind.HEALTHY) {
          assertThat(outcome)
              .as(outcome.feed().url())
              .isInstanceOfSatisfying(
                  RefreshOutcome.Updated.class,
                  u -> {
                    assertThat(u.record().baseline()).isFalse();
                    assertThat(u.record().inserted())
                        .extracting(e -> e.title())
                        .singleElement()
                        .asString()
                        .startsWith("Post 11 of blog ");
                    assertThat(u.record().pending()).isEqualTo(1);
                  });
          newEntries++;
        }
      }
      assertThat(newEntries).isEqualTo(healthy);
      assertThat(deliveries.count("pending")).isEqualTo(healthy);

      Map<String, Integer> reasons = new TreeMap<>();
      for (Map.Entry<Long, Kind> expected : kindByFeed.entrySet()) {
        Feed feed = feeds.find(expected.getKey()).orElseThrow();
        Kind kind = expected.getValue();
        if (kind == Kind.HEALTHY) {
          assertThat(feed.lastError()).as(feed.url()).isNull();
          assertThat(entries.count(feed.id())).isEqualTo(11);
          continue;
        }
        assertThat(feed.errorCount()).as(feed.url()).isEqualTo(2);
        assertThat(feed.pausedReason()).as(feed.url()).isNull();
        String reason = feed.lastError();
        assertThat(reason).as(kind + " " + feed.url()).satisfies(r -> expectedReason(kind, r));
        assertThat(reason)
            .as("readable")
            .hasSizeLessThan(300)
            .doesNotContain("Exception", "\tat ", "\n");
        reasons.merge(
            kind + ": " + (kind == Kind.GARBAGE ? reason : reason.replaceAll("\\d+", "N")),
            1,
            Integer::sum);
      }

      long growth = heapAfter - heapBefore;
      System.out.printf(
          "feeds %d by kind %s, poll threads %d, http.timeout %s, max-bytes %d, bomb %d bytes"
              + " on the wire -> %d decompressed%n",
          feedCount, census, threads, HTTP_TIMEOUT, MAX_BYTES, server.bombWireBytes(), BOMB_BYTES);
      System.out.printf(
          "cycle 1 (baseline) %d ms, cycle 2 (one new entry per healthy feed) %d ms;"
              + " %d requests; peak open connections %d%n",
          first.millis(), second.millis(), server.requests(), server.peakOpenConnections());
      System.out.printf(
          "heap used after GC: before %.1f MB, after %.1f MB, growth %.1f MB;"
              + " peak sampled during the cycles %.1f MB%n",
          mb(heapBefore), mb(heapAfter), mb(growth), mb(sampler.peak()));
      System.out.printf(
          "new entries stored and queued: %d of %d healthy feeds; pending deliveries %d%n",
          newEntries, healthy, deliveries.count("pending"));
      reasons.forEach((reason, count) -> System.out.printf("  %4d x %s%n", count, reason));
      assertThat(growth).as("heap growth over two cycles").isLessThan(HEAP_GROWTH_BOUND);
    }
  }

  private static void expectedReason(Kind kind, String reason) {
    switch (kind) {
      case DRIP, SILENT -> assertThat(reason).isEqualTo("timed out after 2 s");
      case GARBAGE -> assertThat(reason).startsWith("not a feed: ");
      case GZIP_BOMB -> assertThat(reason).isEqualTo("larger than 1 MB");
      case REDIRECT_LOOP -> assertThat(reason).isEqualTo("too many redirects (more than 5)");
      default -> throw new AssertionError("healthy feeds have no reason: " + reason);
    }
  }

  private static FetcherSettings settings() throws UnknownHostException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    // The guard stays on: only the test server's own address is let through, as for a self-hosted
    // feed.
    Dns names =
        host -> {
          if (!FEED_HOST.matcher(host).matches()) {
            throw new UnknownHostException(host + " is not one of the test's feeds");
          }
          return List.of(InetAddress.getByAddress(host, loopback.getAddress()));
        };
    return new FetcherSettings(
        "OrreryFaults/1", HTTP_TIMEOUT, MAX_BYTES, false, 4, names, Set.of(loopback));
  }

  /** One refresh of every feed on a pool of {@code threads}, as the poll threads would. */
  private static Cycle cycle(FeedRefresher refresher, List<Feed> feeds, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<RefreshOutcome>> futures = new ArrayList<>();
      for (Feed feed : feeds) {
        futures.add(pool.submit(() -> refresher.refresh(feed)));
      }
      pool.shutdown();
      // Every fetch ends by its own deadline: the pool cannot need more than the slow ones in
      // series.
      long bound = HTTP_TIMEOUT.toSeconds() * 2 * feeds.size() / threads + 60;
      assertThat(pool.awaitTermination(bound, TimeUnit.SECONDS)).as("the cycle ends").isTrue();
      List<RefreshOutcome> outcomes = new ArrayList<>();
      for (Future<RefreshOutcome> future : futures) {
        outcomes.add(future.get()); // a refresh that threw fails the test here
      }
      return new Cycle(outcomes, (System.nanoTime() - start) / 1_000_000);
    } finally {
      pool.shutdownNow();
    }
  }

  private record Cycle(List<RefreshOutcome> outcomes, long millis) {}

  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  /** Samples used heap (garbage included) while the cycles run, for the report only. */
  private static final class HeapSampler {
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::sample, "heap-sampler");

    void start() {
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(5000);
    }

    long peak() {
      return peak.get();
    }

    private void sample() {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      while (running) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
