package dev.orrery.app;

import dev.orrery.feed.Readable;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.store.Delivery;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Subscription;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * The console as a channel: prints each new entry once on standard output and marks it delivered,
 * like the bot does with a Discord channel; what a first poll found and what failed go to standard
 * error.
 */
final class ConsolePrinter {
  private static final int BATCH = 200;

  private final Map<Long, String> sourceByFeed;
  private final Map<Long, Subscription> subscriptionByFeed;
  private final EntryStore entries;
  private final DeliveryStore deliveries;
  private final ConsoleFormat format;
  private final int backfill;
  private final boolean quiet;
  private final PrintStream out;
  private final PrintStream err;
  private final InstantSource clock;

  ConsolePrinter(
      Map<Long, String> sourceByFeed,
      Map<Long, Subscription> subscriptionByFeed,
      EntryStore entries,
      DeliveryStore deliveries,
      ConsoleFormat format,
      int backfill,
      boolean quiet,
      PrintStream out,
      PrintStream err,
      InstantSource clock) {
    this.sourceByFeed = Map.copyOf(sourceByFeed);
    this.subscriptionByFeed = Map.copyOf(subscriptionByFeed);
    this.entries = entries;
    this.deliveries = deliveries;
    this.format = format;
    this.backfill = backfill;
    this.quiet = quiet;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** Reports one refresh: a baseline line (or its backfill), or the error; then what is new. */
  synchronized void report(RefreshOutcome outcome) {
    String source = sourceByFeed.getOrDefault(outcome.feed().id(), outcome.feed().url());
    if (outcome instanceof RefreshOutcome.Updated updated && updated.record().baseline()) {
      Subscription subscription = subscriptionByFeed.get(outcome.feed().id());
      if (backfill > 0 && subscription != null) {
        deliveries.backfill(subscription, backfill, clock.instant());
      } else if (!quiet) {
        // what the run found out, not what it produces: stdout carries only entries
        err.println(
            source
                + ": "
                + Readable.count(entries.count(outcome.feed().id()), "entry", "entries")
                + " already published, watching for new ones");
      }
    } else if (outcome instanceof RefreshOutcome.Failed failed) {
      err.println(source + ": " + failed.reason() + (failed.pausedNow() ? " (paused)" : ""));
    } else if (outcome instanceof RefreshOutcome.Deferred deferred) {
      err.println(source + ": " + deferred.reason() + ", asked to come back later");
    }
  }

  /** Prints every waiting console delivery, oldest first, and marks each sent. */
  synchronized void printDue() {
    List<Delivery> due;
    do {
      due = deliveries.dueForChannel(Subscription.CONSOLE_CHANNEL, clock.instant(), BATCH);
      for (Delivery d : due) {
        String source = sourceByFeed.getOrDefault(d.feed().id(), d.feed().url());
        out.println(format.entry(source, d.feed(), d.entry()));
        if (d.moreCount() > 0) {
          out.println(format.more(source, d.feed(), d.moreCount()));
        }
        deliveries.markSent(d.deliveryId(), null, clock.instant());
      }
    } while (due.size() == BATCH);
    out.flush();
  }
}
