package dev.orrery.bench;

import dev.orrery.discord.DiscordBot;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.Guild;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.RouteLimit;
import dev.orrery.emulator.TrafficStats;
import dev.orrery.store.Feed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Item 4 of the benchmark: 1,000 new entries (one in each of 1,000 feeds, ten feeds a channel over
 * 100 channels, or as {@code --channels} says) discovered by one poll and posted through the real
 * deliverer and JDA into the Discord emulator with Discord's limits on; the time against the least
 * those limits allow, and the 429s by kind.
 */
public final class DeliveryScenario implements Scenario {
  static final int FEEDS = 1_000;

  /** Discord's global limit as the emulator enforces it: this many per fixed one-second window. */
  static final int GLOBAL_PER_SECOND = 50;

  static final RouteLimit CHANNEL_LIMIT = RouteLimit.discordChannelMessages();
  static final double TARGET_RATIO = 1.10;
  private static final Duration WAIT = Duration.ofMinutes(3);

  @Override
  public String name() {
    return "delivery";
  }

  @Override
  public void run(BenchOptions options, ResultTable table) throws Exception {
    for (int channels : options.channels()) {
      runAt(channels, options, table, false);
    }
    for (int channels : options.channels()) {
      runAt(channels, options, table, true);
    }
    table.note(
        "Delivery: Discord's limits as the emulator enforces them, fixed windows opened by their"
            + " first request: "
            + CHANNEL_LIMIT.requests()
            + " messages per "
            + CHANNEL_LIMIT.window().toSeconds()
            + " s per channel, "
            + GLOBAL_PER_SECOND
            + " requests per 1 s globally. So of 1,000 messages over 100 channels the last can come"
            + " at the earliest 19 s after the first (the 20th global window opens 19 s after the"
            + " first; each channel's second window of 5 opens 5 s after its first). Our own cap"
            + " lets at most "
            + ourCap()
            + " requests go in any "
            + ourWindow().toMillis()
            + " ms (a sliding window of send times): the 1,000th goes at the earliest "
            + (FEEDS - 1) / ourCap()
            + " windows after the first. The poll is the real refresher on "
            + options.threads()
            + " threads, the bot the real DiscordBot (deliverer, JDA) in the bench's JVM. \"CPUs"
            + " saturated\": the same run with one busy shell loop per CPU (`while :; do :; done`),"
            + " started a second before the poll and stopped after the last message, so every"
            + " thread of the bot and the emulator waits for a CPU.");
  }

  private void runAt(int channelCount, BenchOptions options, ResultTable table, boolean saturated)
      throws Exception {
    InProcessBot.productLogging(true);
    Path dir = Files.createTempDirectory("orrery-bench-delivery");
    CpuLoad load = null;
    try (FeedLoadServer server =
            new FeedLoadServer(SyntheticFeeds.fromFixtures(), FEEDS, options.serverThreads());
        DiscordEmulator discord =
            DiscordEmulator.builder()
                .channelMessageLimit(CHANNEL_LIMIT)
                .globalLimitPerSecond(GLOBAL_PER_SECOND)
                .start();
        InProcessBot bot =
            new InProcessBot(BotConfig.load(dir, discord, "poll.threads=" + options.threads()))) {
      Guild guild = discord.createGuild("Bench");
      List<Channel> channels = new ArrayList<>();
      for (int c = 0; c < channelCount; c++) {
        channels.add(discord.createTextChannel(guild, "news-" + c));
      }
      for (int k = 0; k < FEEDS; k++) {
        Feed feed = bot.feeds.findOrCreate(server.feedUrl(k).toString(), bot.clock.instant());
        bot.subscriptions.create(
            guild.id(),
            channels.get(k % channelCount).id(),
            feed.id(),
            null,
            null,
            bot.clock.instant());
      }
      System.err.printf("bench: delivery: baseline poll of %,d feeds%n", FEEDS);
      poll(bot, options.threads());
      bot.startDiscord();
      server.grow(100); // one new entry in every feed

      InProcessBot.productLogging(false);
      if (saturated) {
        load = CpuLoad.saturate();
        Thread.sleep(1_000); // the loops have the CPUs before the clock starts
      }
      TrafficStats stats = discord.stats();
      int user0 = stats.userRateLimited();
      int global0 = stats.globalRateLimited();
      int shared0 = stats.sharedRateLimited();
      int requests0 = stats.requests();
      System.err.printf(
          "bench: delivery: the poll that finds %,d new entries, then posting them%n", FEEDS);
      Instant start = Instant.now();
      long pollNanos = poll(bot, options.threads());
      Instant queued = Instant.now();
      List<PostedMessage> posted = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      for (int c = 0; c < channelCount; c++) {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        int expected =
            (FEEDS - c + channelCount - 1) / channelCount; // the feeds k with k % channels == c
        posted.addAll(discord.awaitMessages(channels.get(c), expected, left));
      }
      Instant first =
          posted.stream()
              .map(PostedMessage::arrivedAt)
              .min(Comparator.naturalOrder())
              .orElseThrow();
      Instant last =
          posted.stream()
              .map(PostedMessage::arrivedAt)
              .max(Comparator.naturalOrder())
              .orElseThrow();
      Thread.sleep(1_000); // anything more than 1,000 (a repeat) would show now
      double loadAverage = loadAverage();
      int busyLoops = 0;
      if (load != null) {
        busyLoops = load.processes();
        load.close();
        load = null;
      }
      int messages =
          (int)
              discord.messages().stream()
                  .filter(m -> m.source() == dev.orrery.emulator.MessageSource.CHANNEL)
                  .count();

      double total = seconds(start, last);
      double minimum = minimumSeconds(FEEDS, channelCount, CHANNEL_LIMIT, GLOBAL_PER_SECOND);
      double steady = (double) FEEDS / GLOBAL_PER_SECOND;
      double cap = capSeconds(FEEDS, ourCap(), ourWindow().toNanos() / 1e9);
      String s =
          "delivery, "
              + (saturated ? "CPUs saturated, " : "")
              + "1,000 entries, "
              + channelCount
              + " channels";
      table.info(s, "poll start to the 1,000th message", total, "s");
      table.info(s, "of which the poll (1,000 feeds, 1 new entry each)", pollNanos / 1e9, "s");
      table.info(s, "first to last message", seconds(first, last), "s");
      table.info(s, "all queued to the last message", seconds(queued, last), "s");
      table.info(s, "minimum under Discord's limits (fixed windows)", minimum, "s");
      table.info(s, "minimum at a steady 50/s", steady, "s");
      table.info(
          s,
          "minimum under our cap of " + ourCap() + " per " + ourWindow().toMillis() + " ms",
          cap,
          "s");
      table.atMost(
          s, "poll start to last message ÷ Discord minimum", total / minimum, "×", TARGET_RATIO);
      table.info(s, "poll start to last message ÷ our cap's minimum", total / cap, "×");
      table.info(s, "messages posted", messages, "messages");
      table.info(s, "REST requests", stats.requests() - requests0, "requests");
      table.atMost(s, "429 global", stats.globalRateLimited() - global0, "responses", 0);
      table.info(s, "429 per route (user)", stats.userRateLimited() - user0, "responses");
      table.info(s, "429 shared", stats.sharedRateLimited() - shared0, "responses");
      if (saturated) {
        table.info(s, "competing busy processes (one per CPU)", busyLoops, "processes");
      }
      table.info(s, "load average (1 min) at the end", loadAverage, "");
      if (messages != FEEDS) {
        throw new IllegalStateException(
            "expected " + FEEDS + " messages, the emulator holds " + messages);
      }
    } finally {
      if (load != null) {
        load.close();
      }
      delete(dir);
    }
  }

  /** The one-minute load average, or -1 where /proc/loadavg cannot be read. */
  private static double loadAverage() {
    try {
      return Double.parseDouble(Machine.loadAverage().split(" ")[0]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Refreshes every watched feed on {@code threads} threads, as the poll jobs would. */
  private static long poll(InProcessBot bot, int threads) {
    List<Feed> feeds = bot.feeds.watched();
    return Parallel.run(feeds.size(), threads, i -> bot.refresher.refresh(feeds.get(i)));
  }

  /**
   * The least time from the first message to the last of {@code messages} spread evenly over {@code
   * channels}, under fixed windows (each opened by its first request, as the emulator's RateLimiter
   * does): the global window allows {@code global} a second, so the last goes in window ⌈messages /
   * global⌉, opened that many seconds less one after the first; a channel's messages past its first
   * {@code requests} wait for its next window, {@code window} later.
   */
  static double minimumSeconds(int messages, int channels, RouteLimit channel, int global) {
    int perChannel = (messages + channels - 1) / channels;
    double channelBound =
        ((perChannel + channel.requests() - 1) / channel.requests() - 1)
            * (channel.window().toNanos() / 1e9);
    double globalBound = (messages + global - 1) / global - 1;
    return Math.max(channelBound, globalBound);
  }

  /**
   * {@code DiscordBot.REQUESTS_PER_SECOND}, the product's own global cap (package-private there).
   */
  static int ourCap() {
    try {
      java.lang.reflect.Field field = DiscordBot.class.getDeclaredField("REQUESTS_PER_SECOND");
      field.setAccessible(true);
      return field.getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "DiscordBot.REQUESTS_PER_SECOND is gone: the bench needs the cap", e);
    }
  }

  /**
   * {@code GlobalRateLimit.WINDOW}, the sliding window our cap counts in (the class is
   * package-private).
   */
  static Duration ourWindow() {
    try {
      java.lang.reflect.Field field =
          Class.forName("dev.orrery.discord.GlobalRateLimit").getDeclaredField("WINDOW");
      field.setAccessible(true);
      return (Duration) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "GlobalRateLimit.WINDOW is gone: the bench needs the cap's window", e);
    }
  }

  /**
   * Our own limiter lets at most {@code perWindow} requests go in any {@code windowSeconds}: the
   * n-th request goes at the earliest ⌊(n − 1) / perWindow⌋ windows after the first.
   */
  static double capSeconds(int messages, int perWindow, double windowSeconds) {
    return (messages - 1) / perWindow * windowSeconds;
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  static void delete(Path dir) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
