package dev.orrery.bench;

import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One feed subscribed by 1,000 channels, each with a filter of its own and a template, gains 50
 * entries: the refresh that decides and queues the 50,000 deliveries (each filter run on each
 * entry, the story check, the rows written in one transaction), against the same refresh for 1,000
 * subscriptions without filters, and against the poll interval it must fit in many times over.
 */
public final class FanOutScenario implements Scenario {
  static final int CHANNELS = 1_000;
  static final int NEW_ENTRIES = SyntheticFeeds.ENTRIES;

  /** The refresh may take at most this share of the default poll interval. */
  static final double TARGET_SHARE_OF_INTERVAL = 0.01;

  static final String TEMPLATE = "**{{title}}**{{#author}} by {{author}}{{/author}}\n{{link}}";

  @Override
  public String name() {
    return "fanout";
  }

  @Override
  public void run(BenchOptions options, ResultTable table) throws Exception {
    Measured shaped = measure(options, true);
    Measured plain = measure(options, false);
    String s = "fan-out, 1 feed × 1,000 channels, 50 new entries";
    double pairs = (double) CHANNELS * NEW_ENTRIES;
    table.info(s, "refresh, each subscription with a filter and a template", shaped.seconds, "s");
    table.info(s, "of which CPU (the refreshing thread)", shaped.cpuSeconds, "s");
    table.info(s, "refresh, the same subscriptions without filters", plain.seconds, "s");
    table.info(s, "cost per entry and subscription, shaped", shaped.seconds / pairs * 1e6, "µs");
    table.info(s, "cost per entry and subscription, plain", plain.seconds / pairs * 1e6, "µs");
    table.info(s, "shaped ÷ plain", shaped.seconds / plain.seconds, "×");
    table.info(
        s, "deliveries queued (at most 5 a subscription a poll)", shaped.queued, "deliveries");
    table.info(s, "deliveries a filter stopped", shaped.filtered, "deliveries");
    table.info(s, "deliveries past the per-poll cap", shaped.overCap, "deliveries");
    double interval = shaped.interval;
    table.atMost(
        s,
        "refresh ÷ the poll interval (" + (long) interval + " s)",
        shaped.seconds / interval,
        "×",
        TARGET_SHARE_OF_INTERVAL);
    table.note(
        "Fan-out: the feed is one synthetic planet of 50 entries that all become new at once; each"
            + " of the 1,000 subscriptions has a filter of its own (a word, a field, a negated"
            + " regular expression and an author phrase), so no evaluation is shared, and the"
            + " template "
            + TEMPLATE.replace("\n", "\\n")
            + " (rendered when posting, not in the refresh). Times are of the refresh alone, in"
            + " the bench's JVM, best of "
            + ROUNDS
            + " rounds on fresh databases.");
  }

  private static final int ROUNDS = 3;

  private record Measured(
      double seconds, double cpuSeconds, int queued, int filtered, int overCap, double interval) {}

  private Measured measure(BenchOptions options, boolean shaped) throws Exception {
    Measured best = null;
    for (int round = 0; round < ROUNDS; round++) {
      Measured m = once(options, shaped);
      if (best == null || m.seconds < best.seconds) {
        best = m;
      }
    }
    return best;
  }

  private Measured once(BenchOptions options, boolean shaped) throws Exception {
    InProcessBot.productLogging(true);
    Path dir = Files.createTempDirectory("orrery-bench-fanout");
    try (FeedLoadServer server =
            new FeedLoadServer(SyntheticFeeds.fromFixtures(), 1, options.serverThreads());
        DiscordEmulator discord = DiscordEmulator.builder().start();
        InProcessBot bot = new InProcessBot(BotConfig.load(dir, discord))) {
      Feed feed = bot.feeds.findOrCreate(server.feedUrl(0).toString(), bot.clock.instant());
      for (int c = 1; c <= CHANNELS; c++) {
        Subscription.Settings settings =
            shaped
                ? new Subscription.Settings(filter(c), TEMPLATE, true, null, null)
                : Subscription.Settings.DEFAULT;
        bot.subscriptions.create(1, c, feed.id(), null, settings, null, bot.clock.instant());
      }
      refresh(bot, feed); // the baseline: nothing is queued
      for (int i = 0; i < NEW_ENTRIES; i++) {
        server.grow(100);
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      RefreshOutcome outcome = refresh(bot, bot.feeds.find(feed.id()).orElseThrow());
      long nanos = System.nanoTime() - t0;
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      if (!(outcome instanceof RefreshOutcome.Updated updated)
          || updated.record().inserted().size() != NEW_ENTRIES) {
        throw new IllegalStateException("the refresh did not find 50 new entries: " + outcome);
      }
      return new Measured(
          nanos / 1e9,
          cpu / 1e9,
          count(bot, "state = 'pending'"),
          count(bot, "skip_reason LIKE 'stopped by the filter%'"),
          count(bot, "skip_reason = 'more new entries than one poll posts'"),
          bot.config.poll().interval().toNanos() / 1e9);
    } finally {
      DeliveryScenario.delete(dir);
    }
  }

  private static int count(InProcessBot bot, String where) throws SQLException {
    try (Connection c = DriverManager.getConnection(bot.config.database().url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM deliveries WHERE " + where)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static RefreshOutcome refresh(InProcessBot bot, Feed feed) {
    return bot.refresher.refresh(feed);
  }

  /** A filter of its own for each channel: words, a field, a negated regex, an author phrase. */
  static String filter(int channel) {
    return "(python OR django) -title:/release \\d+\\.\\d+/ OR author:\"Writer " + channel + "\"";
  }
}
