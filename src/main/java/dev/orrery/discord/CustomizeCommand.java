package dev.orrery.discord;

import dev.orrery.discord.SubscriptionPicker.Pick;
import dev.orrery.poll.DigestService;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * {@code /customize}: how one subscription posts (filter, template, appearance, digest, or all but
 * the digest in one form). Picks the subscription once and hands it to the subcommand.
 */
final class CustomizeCommand implements SlashCommand {
  private final Map<String, CustomizeSubcommand> subcommands;
  private final SubscriptionPicker picker;
  private final DigestService digests;

  CustomizeCommand(
      List<CustomizeSubcommand> subcommands, SubscriptionPicker picker, DigestService digests) {
    this.subcommands =
        subcommands.stream()
            .collect(
                Collectors.toUnmodifiableMap(s -> s.definition().getName(), Function.identity()));
    this.picker = picker;
    this.digests = digests;
  }

  /** The {@code source} option every subcommand starts with. */
  static OptionData sourceOption() {
    return new OptionData(
        OptionType.STRING, "source", "One of the channel's subscriptions", true, true);
  }

  /** The {@code channel} option every subcommand ends with. */
  static OptionData channelOption() {
    return new OptionData(OptionType.CHANNEL, "channel", "The channel (default: this channel)")
        .setChannelTypes(Targets.POSTABLE);
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("customize", "Shape how a subscription posts in its channel")
        .addSubcommands(
            subcommands.values().stream()
                .map(CustomizeSubcommand::definition)
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .toList())
        .setContexts(InteractionContextType.GUILD)
        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_CHANNEL));
  }

  @Override
  public boolean answersWithModal(SlashCommandInteractionEvent event) {
    CustomizeSubcommand subcommand = subcommands.get(event.getSubcommandName());
    return subcommand != null && subcommand.answersWithModal();
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    CustomizeSubcommand subcommand = subcommands.get(event.getSubcommandName());
    if (subcommand == null) {
      refuse(event, "That option of /customize is no longer supported.");
      return;
    }
    Pick pick = picker.pick(event);
    if (pick instanceof Pick.Refused refused) {
      refuse(event, refused.message());
      return;
    }
    subcommand.handle(event, (Pick.Picked) pick);
  }

  /** An error for the caller, whether or not the reply was deferred. */
  private static void refuse(SlashCommandInteractionEvent event, String message) {
    if (!event.isAcknowledged()) {
      event.deferReply(true).queue();
    }
    Replies.error(event.getHook(), true, message);
  }

  @Override
  public void autocomplete(CommandAutoCompleteInteractionEvent event) {
    List<Command.Choice> choices =
        switch (event.getFocusedOption().getName()) {
          case "source" -> picker.choices(event);
          case "timezone" ->
              digests.zones(event.getFocusedOption().getValue()).stream()
                  .map(zone -> new Command.Choice(zone, zone))
                  .toList();
          default -> List.of();
        };
    event.replyChoices(choices).queue();
  }
}
