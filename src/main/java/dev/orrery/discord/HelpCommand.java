package dev.orrery.discord;

import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /help}: what the commands do, in a few lines. */
final class HelpCommand implements SlashCommand {
  static final String TEXT =
      """
      **Orrery** posts new entries of RSS and Atom feeds to channels.
      • `/subscribe source [channel] [mention] [backfill] [filter]` — post a source's new entries here (Manage Channels). Existing entries are not posted; `backfill` posts the latest few.
      • `/unsubscribe source [channel]` — stop (Manage Channels).
      • `/customize filter|template|appearance|digest|edit source` — which entries are posted, their text, the name and avatar they show, a daily or weekly digest (Manage Channels).
      • `/subscriptions [channel]` — what this server receives, and how each feed is doing.
      • `/latest [source] [count]` — the latest entries of a source, or of this channel's subscriptions.
      • `/opml export`, `/opml import file [channel]` — this server's subscriptions as an OPML file; a feed reader's OPML file subscribed here (Manage Channels).
      • `/sources` — the sources you can name; any feed URL works too.\
      """;

  @Override
  public SlashCommandData definition() {
    return Commands.slash("help", "How to use Orrery");
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    Replies.answer(event.getHook(), TEXT);
  }
}
