package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.store.ConsoleLock;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code orrery poll}: the feed side alone, with standard output as a channel subscribed to every
 * source of the configuration. State lives in the bot's database, so this is the real pipeline.
 */
@Command(
    name = "poll",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Poll the configured sources and print new entries to standard output.")
final class PollCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(PollCommand.class);

  @ParentCommand Main main;
  @Mixin ConfigOption config;
  @Mixin Verbosity verbosity;

  @Option(
      names = "--once",
      description = "Poll every source once, then exit (1 if any source failed).")
  boolean once;

  @Option(names = "--json", description = "Print one JSON object per entry.")
  boolean json;

  @Option(
      names = "--backfill",
      paramLabel = "N",
      description =
          "On a source's first poll, print its latest N entries instead of none (0 to 50).")
  int backfill;

  @Override
  public Integer call() throws InterruptedException {
    if (backfill < 0 || backfill > 50) {
      main.err.println("orrery poll: --backfill " + backfill + " is out of range: use 0 to 50");
      return Main.USAGE;
    }
    Config cfg = config.load(verbosity, main.env, false, main.err);
    if (cfg == null) {
      return Main.USAGE;
    }
    if (cfg.sources().isEmpty()) {
      main.err.println(
          "orrery poll: the configuration has no sources: the built-in ones are removed"
              + " (sources.<name>.enabled=false) and none is added: add sources.<name>.url=<feed"
              + " URL>");
      return Main.USAGE;
    }
    InstantSource clock = InstantSource.system();
    try (FeedSide side = FeedSide.forConsole(cfg, clock);
        ConsoleLock lock = side.database.lockConsole(() -> waiting(side))) {
      // left by a run that was killed: nothing else can be using them now
      side.subscriptions.deleteChannel(Subscription.CONSOLE_CHANNEL);
      Instant now = clock.instant();
      Map<Long, String> sourceByFeed = new LinkedHashMap<>();
      Map<Long, Subscription> subscriptionByFeed = new LinkedHashMap<>();
      List<Feed> feeds = new ArrayList<>();
      cfg.sources().values().stream()
          .sorted((a, b) -> a.name().compareTo(b.name()))
          .forEach(
              source -> {
                Feed feed = side.feeds.findOrCreate(source.url().toString(), now);
                feeds.add(feed);
                sourceByFeed.put(feed.id(), source.name());
                Subscription subscription =
                    side.subscriptions
                        .create(0, Subscription.CONSOLE_CHANNEL, feed.id(), null, null, now)
                        .orElseThrow();
                subscriptionByFeed.put(feed.id(), subscription);
              });
      ConsolePrinter printer =
          new ConsolePrinter(
              sourceByFeed,
              subscriptionByFeed,
              side.entries,
              side.deliveries,
              new ConsoleFormat(json),
              backfill,
              verbosity.quiet,
              main.out,
              main.err,
              clock);
      try {
        return once ? pollOnce(side, feeds, printer) : pollForever(side, printer);
      } finally {
        // the console's subscriptions live only while it runs: a bot on the same database must
        // not keep queueing for a console that is gone
        side.subscriptions.deleteChannel(Subscription.CONSOLE_CHANNEL);
      }
    }
  }

  private void waiting(FeedSide side) {
    main.err.println(
        "orrery poll: another orrery poll is using "
            + side.database.location()
            + "; waiting for it to end");
  }

  /** Refreshes every source at once; what each found is printed, whatever the others did. */
  private int pollOnce(FeedSide side, List<Feed> feeds, ConsolePrinter printer)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(side.config.poll().threads());
    try {
      List<Future<RefreshOutcome>> futures = new ArrayList<>();
      for (Feed feed : feeds) {
        futures.add(pool.submit(() -> side.refresher.refresh(feed)));
      }
      boolean failed = false;
      for (int i = 0; i < futures.size(); i++) {
        RefreshOutcome outcome = outcomeOf(futures.get(i), feeds.get(i));
        printer.report(outcome);
        failed |= outcome instanceof RefreshOutcome.Failed;
      }
      printer.printDue();
      return failed ? 1 : 0;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The refresh's outcome; one that ended in something the refresher let through is a failure. */
  private static RefreshOutcome outcomeOf(Future<RefreshOutcome> future, Feed feed)
      throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      log.error("Polling {} failed unexpectedly: {}", feed.url(), e.getCause().toString());
      log.debug("Details", e.getCause());
      return new RefreshOutcome.Failed(feed, RefreshOutcome.Failed.UNEXPECTED, false);
    }
  }

  private int pollForever(FeedSide side, ConsolePrinter printer) throws InterruptedException {
    side.refresher.addListener(
        outcome -> {
          printer.report(outcome);
          printer.printDue();
        });
    side.scheduler.start();
    Shutdown.awaitSignal();
    return 0;
  }
}
