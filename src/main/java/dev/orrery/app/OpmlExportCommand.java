package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.feed.Readable;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.OpmlExport;
import dev.orrery.store.Database;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code orrery opml export}: the subscriptions as an OPML 2.0 file on standard output. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
      "Print the subscriptions as an OPML 2.0 file: every channel's, or one channel's.",
      "Example: orrery opml export --channel 123456789012345678 > subs.opml"
    })
final class OpmlExportCommand implements Callable<Integer> {
  @ParentCommand OpmlCommand opml;
  @Mixin ConfigOption config;
  @Mixin Verbosity verbosity;

  @Option(
      names = "--channel",
      paramLabel = "ID",
      description = "Only this channel's subscriptions (a Discord channel ID).")
  Long channel;

  @Override
  public Integer call() {
    Main main = opml.main;
    if (verbosity.problem() != null) {
      main.err.println("orrery: " + verbosity.problem());
      return Main.USAGE;
    }
    if (channel != null && OpmlCommand.channelProblem("--channel", channel) != null) {
      main.err.println("orrery opml export: " + OpmlCommand.channelProblem("--channel", channel));
      return Main.USAGE;
    }
    Config cfg = config.load(main.env, false, main.err);
    if (cfg == null) {
      return Main.USAGE;
    }
    Logging.setLevel(verbosity.logLevel(cfg.logLevel()));
    // only read: beside a running bot, and a mistyped SQLite path is named, not created
    try (Database database = Database.openToRead(cfg.database())) {
      SubscriptionStore store = new SubscriptionStore(database);
      List<Subscription> subscriptions = channel == null ? store.all() : store.forChannel(channel);
      if (subscriptions.isEmpty()) {
        main.err.println(
            "orrery opml export: "
                + (channel == null
                    ? "there are no subscriptions"
                    : "channel " + channel + " has no subscriptions")
                + " in "
                + database.location()
                + ": nothing to export");
        return 1;
      }
      OpmlExport export =
          new OpmlExport(
              new FeedStore(database), new Catalogue(cfg.sources()), InstantSource.system());
      byte[] file =
          export.write(
              channel == null
                  ? "Orrery subscriptions"
                  : "Orrery subscriptions of channel " + channel,
              subscriptions,
              id -> "channel " + id);
      main.out.print(new String(file, StandardCharsets.UTF_8));
      main.out.flush();
      if (!verbosity.quiet) {
        long channels =
            subscriptions.stream().mapToLong(Subscription::channelId).distinct().count();
        main.err.println(
            "orrery opml export: "
                + Readable.count(subscriptions.size(), "subscription", "subscriptions")
                + " of "
                + Readable.count(channels, "channel", "channels"));
      }
      return 0;
    }
  }
}
