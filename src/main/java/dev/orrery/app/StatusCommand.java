package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.poll.PollRhythm;
import dev.orrery.store.Database;
import dev.orrery.store.FeedStatus;
import dev.orrery.store.StatusStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code orrery status}: every watched feed, how it is doing and what waits to be posted, read from
 * the database alone. It neither polls nor connects to Discord nor takes the console's lock, so it
 * runs beside a bot or an {@code orrery poll} on the same database.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
      "Print every watched feed: its state, poll interval and why, next poll, last success, last"
          + " error, channels and pending deliveries; the totals first.",
      "Reads the database only, so it can run beside the bot."
    })
final class StatusCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin ConfigOption config;
  @Mixin Verbosity verbosity;

  @Option(
      names = "--json",
      description = "Print one JSON document: totals, then every field of every feed.")
  boolean json;

  @Override
  public Integer call() {
    Config cfg = config.load(verbosity, main.env, false, main.err);
    if (cfg == null) {
      return Main.USAGE;
    }
    List<FeedStatus> rows;
    Instant now;
    try (Database database = Database.openToRead(cfg.database())) {
      rows = new StatusStore(database).watchedFeeds();
      now = InstantSource.system().instant();
    }
    StatusReport report = StatusReport.of(rows, PollRhythm.of(cfg.poll()), now);
    if (json) {
      main.out.println(StatusJson.of(report));
    } else {
      StatusText.of(report).forEach(main.out::println);
    }
    return 0;
  }
}
