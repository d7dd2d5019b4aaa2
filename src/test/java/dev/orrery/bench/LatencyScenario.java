package dev.orrery.bench;

import dev.orrery.app.App;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.Guild;
import dev.orrery.emulator.PostedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;

/**
 * Item 5 of the benchmark: the whole bot ({@link App}) polling one feed every 2 s; an entry is
 * added at the loopback server at a random moment of the poll cycle, and the time until the
 * emulator holds its message is measured, {@value #ENTRIES} times.
 */
public final class LatencyScenario implements Scenario {
  static final int ENTRIES = 50;
  static final Duration INTERVAL = Duration.ofSeconds(2);

  /** The target: the poll interval plus one second. */
  static final Duration TARGET = INTERVAL.plusSeconds(1);

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Override
  public String name() {
    return "latency";
  }

  @Override
  public void run(BenchOptions options, ResultTable table) throws Exception {
    InProcessBot.productLogging(false);
    Path dir = Files.createTempDirectory("orrery-bench-latency");
    Random random = new Random(6);
    double[] millis = new double[ENTRIES];
    try (FeedLoadServer server =
            new FeedLoadServer(SyntheticFeeds.fromFixtures(), 1, options.serverThreads());
        DiscordEmulator discord = DiscordEmulator.start()) {
      Guild guild = discord.createGuild("Bench");
      Channel channel = discord.createTextChannel(guild, "news");
      String interval = INTERVAL.toSeconds() + "s";
      try (App app =
          App.start(
              BotConfig.load(
                  dir,
                  discord,
                  "poll.interval=" + interval,
                  "poll.min-interval=" + interval,
                  "sources.bench.url=" + server.feedUrl(0),
                  "sources.bench.title=Bench",
                  "subscriptions.1.channel=" + channel.id(),
                  "subscriptions.1.source=bench"),
              InstantSource.system())) {
        // the subscription's first read is its baseline; wait for a scheduled poll after it
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.notModifiedCount() == 0) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the feed was not polled on schedule within " + WAIT);
          }
          Thread.sleep(20);
        }
        System.err.printf(
            "bench: latency: %d entries, one at a time, polled every %s%n", ENTRIES, interval);
        for (int i = 0; i < ENTRIES; i++) {
          // a random moment of the poll cycle: what a post meets in life
          Thread.sleep(random.nextInt((int) INTERVAL.toMillis()));
          Instant added = Instant.now();
          server.grow(100);
          List<PostedMessage> messages = discord.awaitMessages(channel, i + 1, WAIT);
          millis[i] = Duration.between(added, messages.get(i).arrivedAt()).toNanos() / 1e6;
        }
        Thread.sleep(INTERVAL.toMillis() + 500); // a repeat would show now
        int posted = discord.messages(channel).size();
        Percentiles latency = new Percentiles(millis);
        String s = "latency, 1 feed polled every " + interval;
        table.info(s, "entry added to message posted, p50", latency.at(50) / 1000, "s");
        table.atMost(
            s,
            "entry added to message posted, p95",
            latency.at(95) / 1000,
            "s",
            TARGET.toMillis() / 1000.0);
        table.info(s, "entry added to message posted, max", latency.max() / 1000, "s");
        table.info(s, "entries", latency.count(), "entries");
        table.atMost(s, "messages posted more than entries added", posted - ENTRIES, "messages", 0);
        table.note(
            "Latency: the whole bot (App.start) in the bench's JVM, poll.interval and"
                + " poll.min-interval "
                + interval
                + " (so each wait is 2.0 to 2.2 s: ±10% jitter, clamped to the minimum); each entry"
                + " is added at a random moment, 0 to 2 s after the previous message arrived.");
      }
    } finally {
      DeliveryScenario.delete(dir);
    }
  }
}
