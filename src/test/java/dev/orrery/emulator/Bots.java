package dev.orrery.emulator;

import java.util.List;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;

/**
 * Logs the real JDA into an emulator as Orrery does: light, no intent but the implicit GUILDS, for
 * the emulator's own tests.
 */
final class Bots {
  private Bots() {}

  static JDA login(DiscordEmulator discord, Object... listeners) throws InterruptedException {
    return discord
        .configure(JDABuilder.createLight(discord.token(), List.of()))
        .addEventListeners(listeners)
        .build()
        .awaitReady();
  }

  static void shutdown(JDA jda) throws InterruptedException {
    if (jda != null) {
      jda.shutdownNow();
      jda.awaitShutdown(10, TimeUnit.SECONDS);
    }
  }
}
