package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.feed.Readable;
import dev.orrery.store.Database;
import dev.orrery.store.DatabaseCopy;
import dev.orrery.store.Dialect;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code orrery migrate --to URL}: copies the SQLite database of {@code database.url} into an empty
 * PostgreSQL database, for a bot that grows from one machine to several, and prints each table's
 * rows on both sides.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
      "Copy the SQLite database of database.url into an empty PostgreSQL database, ids and all,"
          + " then print each table's rows in both.",
      "Stop the bot and any orrery poll first: what they write during the copy stays behind.",
      "The PostgreSQL user is --username, else the URL's user parameter; the password is"
          + " ORRERY_DATABASE_PASSWORD (or database.password), else the URL's password parameter."
          + " There is no password option: ps would show it.",
      "The target's tables are created if missing, and must hold no row. Everything is copied in"
          + " one transaction: a failure leaves the target as empty as it was.",
      "Exit status 0 when every table arrived whole; 1 when the copy was refused or failed, or a"
          + " count differs; 2 when an option or the configuration is wrong."
    })
final class MigrateCommand implements Callable<Integer> {
  /** What the person gave the target's URL, user and password as, for the errors to name. */
  private static final Dialect.Keys TARGET =
      new Dialect.Keys("--to", "--username", "ORRERY_DATABASE_PASSWORD");

  @ParentCommand Main main;
  @Mixin ConfigOption config;
  @Mixin Verbosity verbosity;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "URL",
      description = "The PostgreSQL database to copy into: jdbc:postgresql://host:5432/orrery.")
  String to;

  @Option(
      names = "--username",
      paramLabel = "USER",
      description = "The user to connect to PostgreSQL as; it must own the database.")
  String username;

  @Override
  public Integer call() {
    if (verbosity.problem() != null) {
      main.err.println("orrery: " + verbosity.problem());
      return Main.USAGE;
    }
    // the URL is not echoed: it may carry a password
    String targetProblem = DatabaseCopy.targetProblem(to);
    if (targetProblem != null) {
      main.err.println("orrery migrate: --to " + targetProblem);
      return Main.USAGE;
    }
    Config cfg = config.load(main.env, false, main.err);
    if (cfg == null) {
      return Main.USAGE;
    }
    Logging.setLevel(verbosity.logLevel(cfg.logLevel()));
    String sourceProblem = DatabaseCopy.sourceProblem(cfg.database().url());
    if (sourceProblem != null) {
      main.err.println(
          "orrery migrate: database.url is the database to copy, but "
              + sourceProblem
              + ": set database.url to the bot's SQLite file");
      return Main.USAGE;
    }
    Config.Database target =
        new Config.Database(to, 2, blankAsNull(username), cfg.database().password());
    // the target first: a server that cannot be reached stops the run before the source is opened
    try (Database into = Database.open(target, TARGET);
        Database from = Database.open(cfg.database())) {
      DatabaseCopy.Result result =
          new DatabaseCopy(from, into)
              .run(
                  (table, rows) -> {
                    if (!verbosity.quiet) {
                      main.err.println(
                          "orrery migrate: copied "
                              + Readable.count(rows, "row", "rows")
                              + " of "
                              + table);
                    }
                  });
      if (result instanceof DatabaseCopy.Result.Refused refused) {
        main.err.println("orrery migrate: " + refused.reason());
        return 1;
      }
      DatabaseCopy.Result.Copied copied = (DatabaseCopy.Result.Copied) result;
      print(copied.counts(), main.out);
      if (!copied.complete()) {
        main.err.println(
            "orrery migrate: the counts differ: "
                + into.location()
                + " is not a whole copy; empty it and migrate again with the bot stopped");
        return 1;
      }
      if (!verbosity.quiet) {
        main.err.println(
            "orrery migrate: every table arrived whole in "
                + into.location()
                + ": point database.url (and database.username) at it, then start the bot");
      }
      return 0;
    }
  }

  /**
   * One line per table: its name, its rows in SQLite and in PostgreSQL, and whether they differ.
   */
  static void print(List<DatabaseCopy.Count> counts, PrintStream out) {
    int width = "table".length();
    for (DatabaseCopy.Count count : counts) {
      width = Math.max(width, count.table().length());
    }
    String format = "%-" + width + "s  %10s  %10s%s%n";
    out.printf(format, "table", "sqlite", "postgresql", "");
    for (DatabaseCopy.Count count : counts) {
      out.printf(
          format,
          count.table(),
          count.source(),
          count.target(),
          count.matches() ? "" : "  differs");
    }
  }

  private static String blankAsNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
