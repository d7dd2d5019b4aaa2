package dev.orrery.discord;

import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** One slash command: its definition, its handler and, if it has one, its autocomplete. */
interface SlashCommand {
  SlashCommandData definition();

  /** Whether the reply is visible only to the caller; errors always are. */
  default boolean ephemeral() {
    return true;
  }

  /**
   * True when this invocation answers with a modal: the router does not defer it (a deferred
   * interaction can no longer show one), so {@link #handle} must answer within 3 s, and defer
   * itself to answer otherwise.
   */
  default boolean answersWithModal(SlashCommandInteractionEvent event) {
    return false;
  }

  /**
   * Handles the command after the router has deferred the reply, so there is no 3 s limit; runs on
   * the command pool, never on JDA's event thread. Answer through {@code event.getHook()}.
   */
  void handle(SlashCommandInteractionEvent event);

  default void autocomplete(CommandAutoCompleteInteractionEvent event) {
    event.replyChoices().queue();
  }
}
