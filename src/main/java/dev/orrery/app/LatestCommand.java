package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.FeedFinder;
import dev.orrery.store.Entry;
import dev.orrery.store.Feed;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code orrery latest SOURCE}: the latest entries of a source, fetched now if never polled. */
@Command(
    name = "latest",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Print the latest entries of a catalogue source or a feed URL.")
final class LatestCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin ConfigOption config;
  @Mixin Verbosity verbosity;

  @Parameters(
      paramLabel = "SOURCE",
      description = "A source name from the configuration, or a feed URL.")
  String source;

  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      defaultValue = "5",
      description = "How many (1 to 50, default 5).")
  int count;

  @Option(names = "--json", description = "Print one JSON object per entry.")
  boolean json;

  @Override
  public Integer call() {
    if (count < 1 || count > 50) {
      main.err.println("orrery latest: -n " + count + " is out of range: use 1 to 50");
      return Main.USAGE;
    }
    Config cfg = config.load(verbosity, main.env, false, main.err);
    if (cfg == null) {
      return Main.USAGE;
    }
    // refused before the database is opened: a mistyped source changes nothing
    Catalogue.Resolution resolution = new Catalogue(cfg.sources()).resolve(source);
    if (resolution instanceof Catalogue.Resolution.Invalid invalid) {
      main.err.println("orrery latest: " + invalid.reason());
      return Main.USAGE;
    }
    Catalogue.Resolution.Url url = (Catalogue.Resolution.Url) resolution;
    String name = url.source() != null ? url.source().name() : url.url();
    InstantSource clock = InstantSource.system();
    try (FeedSide side = new FeedSide(cfg, clock)) {
      FeedFinder.Found found = side.finder.find(url, FeedFinder.Freshness.READ_ONCE);
      if (found instanceof FeedFinder.Found.Refused refused) {
        main.err.println(name + ": " + refused.reason());
        return 1;
      }
      Feed feed = ((FeedFinder.Found.Ready) found).feed();
      if (((FeedFinder.Found.Ready) found).note() != null) {
        main.err.println(name + ": " + ((FeedFinder.Found.Ready) found).note());
      }
      if (feed.lastError() != null) {
        main.err.println(name + ": " + staleness(feed));
      }
      List<Entry> latest = side.entries.latest(feed.id(), count);
      ConsoleFormat format = new ConsoleFormat(json);
      for (Entry entry : latest) {
        main.out.println(format.entry(name, feed, entry));
      }
      if (latest.isEmpty() && !json) {
        main.out.println(name + ": no entries");
      }
      return 0;
    }
  }

  /** Why what follows may be old: the feed's last check failed, and since when it did. */
  private static String staleness(Feed feed) {
    String since =
        feed.failingSince() != null ? " since " + ConsoleFormat.date(feed.failingSince()) : "";
    String paused = feed.paused() ? " (paused: " + feed.pausedReason() + ")" : "";
    return "checking it fails"
        + since
        + ": "
        + feed.lastError()
        + paused
        + "; these entries are from its last good check, "
        + ConsoleFormat.date(feed.lastSuccessAt());
  }
}
