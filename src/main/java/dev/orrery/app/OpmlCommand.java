package dev.orrery.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code orrery opml}: subscriptions to an OPML file and back. */
@Command(
    name = "opml",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Export subscriptions as an OPML file, or subscribe a channel to a file's feeds.",
    subcommands = {OpmlExportCommand.class, OpmlImportCommand.class})
final class OpmlCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Override
  public Integer call() {
    main.err.println(
        "orrery opml: say what to do: orrery opml export, or orrery opml import FILE --channel ID"
            + " (orrery opml --help for more)");
    return Main.USAGE;
  }

  /** The problem with a channel ID given on the command line, or null. */
  static String channelProblem(String option, long id) {
    return id > 0
        ? null
        : option
            + " "
            + id
            + " is not a channel ID: in Discord, turn on Developer Mode, right-click the"
            + " channel and Copy Channel ID";
  }
}
