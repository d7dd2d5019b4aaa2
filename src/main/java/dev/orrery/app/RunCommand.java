package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.discord.DiscordBot;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code orrery run}: the Discord bot, until SIGTERM or SIGINT. */
@Command(name = "run", description = "Run the Discord bot (the default command).")
final class RunCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws InterruptedException {
    Config cfg = config.load(main.env, true, main.err);
    if (cfg == null) {
      return Main.USAGE;
    }
    InstantSource clock = InstantSource.system();
    try (FeedSide side = new FeedSide(cfg, clock)) {
      DiscordBot bot;
      try {
        bot = DiscordBot.start(new DiscordBot.Parts(cfg, side.catalogue, side.feeds, side.entries,
            side.subscriptions, side.deliveries, side.refresher, side.service, clock));
      } catch (InvalidTokenException e) {
        main.err.println("orrery: Discord refused the token (401 Unauthorized): check discord.token;"
            + " a reset token invalidates the old one");
        return Main.USAGE;
      }
      try (bot) {
        side.scheduler.start();
        Shutdown.awaitSignal();
        // stop polling first, so nothing new is queued while the deliverer parks what it has
        side.scheduler.close();
      }
      return 0;
    }
  }
}
