package dev.orrery.discord;

import dev.orrery.discord.SubscriptionPicker.Pick;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** One subcommand of {@code /customize}: what it changes in the subscription it is given. */
interface CustomizeSubcommand {
  SubcommandData definition();

  /**
   * Changes the picked subscription, which the caller may change, and answers. Runs after the reply
   * was deferred (ephemeral), unless {@link #answersWithModal()}.
   */
  void handle(SlashCommandInteractionEvent event, Pick.Picked picked);

  /** True when the subcommand answers with a form: it must not be deferred, and has 3 s. */
  default boolean answersWithModal() {
    return false;
  }
}
