package dev.orrery.app;

import dev.orrery.config.Version;
import dev.orrery.store.StoreException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code orrery} command line: run the bot (the default), poll on the console, import and
 * export OPML, check config, migrate SQLite to PostgreSQL.
 */
@Command(
    name = "orrery",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Posts new RSS and Atom entries to the Discord channels subscribed to them.",
    subcommands = {
      RunCommand.class,
      PollCommand.class,
      LatestCommand.class,
      StatusCommand.class,
      OpmlCommand.class,
      CheckCommand.class,
      MigrateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  /** Exit status of a bad configuration or command line, or a token Discord refuses. */
  static final int USAGE = 2;

  /** Exit status of a start that could not reach Discord within discord.start-timeout. */
  static final int UNREACHABLE = 3;

  @Mixin ConfigOption config;

  final Map<String, String> env;
  final PrintStream out;
  final PrintStream err;

  Main(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    Shutdown.install();
    // Java 17 encodes standard streams in the platform charset: feed text needs UTF-8
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = execute(args, System.getenv(), out, err);
    Shutdown.finished(code);
    System.exit(code);
  }

  /** Runs the command line as the process would, with its environment and streams given. */
  static int execute(
      String[] args, Map<String, String> env, PrintStream terminalOut, PrintStream terminalErr) {
    PrintStream out = new TerminalStream(terminalOut);
    PrintStream err = new TerminalStream(terminalErr);
    CommandLine cli = new CommandLine(new Main(env, out, err));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failed(e, err));
    try {
      return cli.execute(args);
    } catch (StackOverflowError | OutOfMemoryError e) {
      return failed(e, err);
    }
  }

  /**
   * The last word on what a command let through: our own sentence (a store's says what it tried and
   * why), never a library's or the JVM's; those go to the log.
   */
  private static int failed(Throwable e, PrintStream err) {
    log.debug("The command failed", e);
    if (e instanceof StoreException) {
      err.println("orrery: " + e.getMessage());
    } else {
      err.println(
          "orrery: the command failed unexpectedly; run it again with log.level=debug for the"
              + " details");
    }
    return 1;
  }

  /** Without a command, Orrery runs the bot. */
  @Override
  public Integer call() throws InterruptedException {
    RunCommand run = new RunCommand();
    run.main = this;
    run.config = config;
    return run.call();
  }

  /** Reads the version the build wrote. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"orrery " + Version.current()};
    }
  }
}
