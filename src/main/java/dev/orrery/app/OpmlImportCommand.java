package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.feed.OpmlFeed;
import dev.orrery.feed.OpmlReader;
import dev.orrery.feed.Readable;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.OpmlImport;
import dev.orrery.poll.OpmlImport.Outcome;
import dev.orrery.store.Subscription;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code orrery opml import FILE --channel ID}: subscribes a channel to every feed of an OPML file,
 * each read as {@code /subscribe} reads it. Progress goes to standard error, the summary to
 * standard output; the status is 1 when a feed was refused, 2 when the file or an argument was.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
      "Subscribe a channel to every feed of an OPML file (at most 1 MB and 500 feeds).",
      "Progress goes to standard error, the summary to standard output. Exit status 1 when a feed"
          + " was refused, 2 when the file or an argument was."
    })
final class OpmlImportCommand implements Callable<Integer> {
  @ParentCommand OpmlCommand opml;
  @Mixin ConfigOption config;
  @Mixin Verbosity verbosity;

  @Parameters(paramLabel = "FILE", description = "The OPML file, as a feed reader exports it.")
  Path file;

  @Option(
      names = "--channel",
      required = true,
      paramLabel = "ID",
      description = "The Discord channel to subscribe.")
  long channel;

  @Option(
      names = "--guild",
      paramLabel = "ID",
      description = "The channel's server; needed only when the channel has no subscriptions yet.")
  Long guild;

  @Override
  public Integer call() throws InterruptedException {
    Main main = opml.main;
    if (verbosity.problem() != null) {
      main.err.println("orrery: " + verbosity.problem());
      return Main.USAGE;
    }
    String problem = OpmlCommand.channelProblem("--channel", channel);
    if (problem == null && guild != null && guild <= 0) {
      problem = "--guild " + guild + " is not a server ID: right-click the server, Copy Server ID";
    }
    if (problem != null) {
      main.err.println("orrery opml import: " + problem);
      return Main.USAGE;
    }
    Config cfg = config.load(main.env, false, main.err);
    if (cfg == null) {
      return Main.USAGE;
    }
    Logging.setLevel(verbosity.logLevel(cfg.logLevel()));
    // the file is read before the database is opened: a bad file changes nothing
    OpmlReader.Read read = read(main.err);
    if (read == null) {
      return Main.USAGE;
    }
    if (read instanceof OpmlReader.Read.Refused refused) {
      main.err.println("orrery opml import: " + file + ": " + refused.reason());
      return Main.USAGE;
    }
    List<OpmlFeed> feeds = ((OpmlReader.Read.Feeds) read).feeds();
    try (FeedSide side = new FeedSide(cfg, InstantSource.system())) {
      Long guildId = guildOf(side, main.err);
      if (guildId == null) {
        return Main.USAGE;
      }
      OpmlImport.Result result =
          side.opmlImport.run(
              new OpmlImport.Target(guildId, channel, null),
              feeds,
              (done, total, outcome) -> {
                if (!verbosity.quiet) {
                  main.err.println(done + " of " + total + ": " + line(side.catalogue, outcome));
                }
              });
      for (Outcome outcome : result.outcomes()) {
        main.out.println(line(side.catalogue, outcome));
      }
      main.out.println(
          result.added().size()
              + " added, "
              + result.alreadyThere().size()
              + " already there, "
              + result.refused().size()
              + " refused");
      if (!result.added().isEmpty() && !verbosity.quiet) {
        main.err.println(
            "orrery opml import: a bot running on this database polls the "
                + Readable.count(result.added().size(), "added feed", "added feeds")
                + " from its next start");
      }
      return result.refused().isEmpty() ? 0 : 1;
    }
  }

  /** The file's feeds, or the refusal; null when the file cannot be read (already said). */
  private OpmlReader.Read read(PrintStream err) {
    try {
      if (Files.isDirectory(file)) {
        err.println("orrery opml import: " + file + " is a folder: name the OPML file in it");
        return null;
      }
      long size = Files.size(file);
      if (size > OpmlReader.MAX_BYTES) {
        return new OpmlReader.Read.Refused(OpmlReader.tooLarge(size));
      }
      return new OpmlReader().read(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      err.println("orrery opml import: " + file + ": no such file");
    } catch (AccessDeniedException e) {
      err.println("orrery opml import: " + file + ": permission denied");
    } catch (IOException e) {
      err.println("orrery opml import: cannot read " + file + ": " + e.getMessage());
    }
    return null;
  }

  /** The channel's server: --guild, else the one its subscriptions have; null when unknown. */
  private Long guildOf(FeedSide side, PrintStream err) {
    Long known =
        side.subscriptions.forChannel(channel).stream()
            .map(Subscription::guildId)
            .findFirst()
            .orElse(null);
    if (guild != null && known != null && !guild.equals(known)) {
      err.println(
          "orrery opml import: channel "
              + channel
              + " is in server "
              + known
              + ", not "
              + guild
              + ": leave out --guild");
      return null;
    }
    if (guild == null && known == null) {
      err.println(
          "orrery opml import: channel "
              + channel
              + " has no subscriptions yet, so its server is unknown: add --guild ID (in Discord,"
              + " right-click the server, Copy Server ID)");
      return null;
    }
    return guild != null ? guild : known;
  }

  /** "added: Planet Python — https://…", "refused: https://…: HTTP 404 Not Found". */
  static String line(Catalogue catalogue, Outcome outcome) {
    if (outcome instanceof Outcome.Added added) {
      return "added: " + catalogue.displayName(added.feed()) + " — " + added.feed().url();
    }
    if (outcome instanceof Outcome.AlreadyThere already) {
      return "already there: "
          + catalogue.displayName(already.feed())
          + " — "
          + already.feed().url();
    }
    Outcome.Refused refused = (Outcome.Refused) outcome;
    return "refused: " + refused.listed().url() + ": " + refused.reason();
  }
}
