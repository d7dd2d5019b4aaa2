package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.store.Entry;
import dev.orrery.store.Feed;
import java.net.URI;
import java.net.URISyntaxException;
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
    Config cfg = config.load(main.env, false, main.err);
    if (cfg == null) {
      return Main.USAGE;
    }
    String url = resolve(cfg);
    if (url == null) {
      return Main.USAGE;
    }
    String name = cfg.source(source).map(Config.Source::name).orElse(url);
    InstantSource clock = InstantSource.system();
    try (FeedSide side = new FeedSide(cfg, clock)) {
      Feed feed = side.feeds.findByUrl(url).orElse(null);
      if (feed == null) {
        FeedRefresher.FirstRead read = side.refresher.readNew(url);
        if (read instanceof FeedRefresher.FirstRead.Refused refused) {
          main.err.println(name + ": " + refused.reason());
          return 1;
        }
        feed = ((FeedRefresher.FirstRead.Stored) read).feed();
      } else if (feed.neverPolled()) {
        RefreshOutcome outcome = side.refresher.refresh(feed);
        if (outcome instanceof RefreshOutcome.Failed failed) {
          main.err.println(name + ": " + failed.reason());
          return 1;
        }
        if (outcome instanceof RefreshOutcome.Deferred deferred) {
          main.err.println(name + ": " + deferred.reason() + ", asked to come back later");
          return 1;
        }
        feed = side.feeds.find(feed.id()).orElse(feed);
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

  private String resolve(Config cfg) {
    if (cfg.source(source).isPresent()) {
      return cfg.source(source).get().url().toString();
    }
    try {
      URI uri = new URI(source);
      if (uri.isAbsolute()
          && uri.getHost() != null
          && ("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        return uri.toString();
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    main.err.println(
        "orrery latest: '"
            + source
            + "' is neither a source of "
            + config.file
            + " ("
            + String.join(", ", new java.util.TreeSet<>(cfg.sources().keySet()))
            + ") nor an http(s) feed URL");
    return null;
  }
}
