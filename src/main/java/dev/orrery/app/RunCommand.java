package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.discord.DiscordStartException;
import dev.orrery.metrics.ListenException;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code orrery run}: the Discord bot, until SIGTERM or SIGINT. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Run the Discord bot (the default command).")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @ParentCommand Main main;
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws InterruptedException {
    Config cfg = config.load(main.env, true, main.err);
    if (cfg == null) {
      return Main.USAGE;
    }
    App app;
    try {
      app = App.start(cfg, InstantSource.system());
    } catch (DiscordStartException e) {
      main.err.println("orrery: " + e.getMessage());
      return e.kind() == DiscordStartException.Kind.TOKEN_REFUSED ? Main.USAGE : Main.UNREACHABLE;
    } catch (ListenException e) {
      main.err.println("orrery: " + e.getMessage());
      return Main.USAGE;
    } catch (RuntimeException e) {
      if (Shutdown.requested()) {
        // a stop signal during the start cuts its requests short: that is the stop, not a failure
        log.debug("Stopped while starting", e);
        return 0;
      }
      throw e;
    }
    try (app) {
      Shutdown.awaitSignal();
    }
    return 0;
  }
}
