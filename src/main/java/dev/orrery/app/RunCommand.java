package dev.orrery.app;

import dev.orrery.config.Config;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
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
    } catch (InvalidTokenException e) {
      main.err.println(
          "orrery: Discord refused the token (401 Unauthorized): check discord.token;"
              + " resetting a token in the developer portal invalidates the old one");
      return Main.USAGE;
    }
    try (app) {
      Shutdown.awaitSignal();
    }
    return 0;
  }
}
