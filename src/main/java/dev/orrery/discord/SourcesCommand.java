package dev.orrery.discord;

import dev.orrery.config.Config;
import dev.orrery.poll.Catalogue;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /sources}: the catalogue of named sources. */
final class SourcesCommand implements SlashCommand {
  private final Catalogue catalogue;

  SourcesCommand(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("sources", "List the sources you can subscribe to by name");
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    if (catalogue.sources().isEmpty()) {
      Replies.answer(
          event.getHook(), "No named sources are configured. /subscribe takes any feed URL.");
      return;
    }
    StringBuilder text =
        new StringBuilder("**Sources** (use the name with /subscribe, or any feed URL):\n");
    for (Config.Source source : catalogue.sources()) {
      text.append("• `")
          .append(source.name())
          .append("` — ")
          .append(Replies.inert(source.displayName()))
          .append(" — <")
          .append(source.url())
          .append(">\n");
    }
    Replies.answer(event.getHook(), text.toString().strip());
  }
}
