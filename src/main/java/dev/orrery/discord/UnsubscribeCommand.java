package dev.orrery.discord;

import dev.orrery.poll.Catalogue;
import dev.orrery.poll.SubscriptionService;
import dev.orrery.poll.SubscriptionService.UnsubscribeResult;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /unsubscribe}: a channel stops receiving a source. */
final class UnsubscribeCommand implements SlashCommand {
  private final SubscriptionService service;
  private final Catalogue catalogue;
  private final SubscriptionPicker picker;

  UnsubscribeCommand(SubscriptionService service, Catalogue catalogue, SubscriptionPicker picker) {
    this.service = service;
    this.catalogue = catalogue;
    this.picker = picker;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("unsubscribe", "Stop posting a feed to a channel")
        .addOptions(
            new OptionData(
                OptionType.STRING, "source", "One of the channel's subscriptions", true, true),
            new OptionData(OptionType.CHANNEL, "channel", "The channel (default: this channel)")
                .setChannelTypes(Targets.POSTABLE))
        .setContexts(InteractionContextType.GUILD)
        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_CHANNEL));
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    GuildChannel target = Targets.channel(event);
    if (!Targets.mayManage(event.getMember(), target)) {
      Replies.error(event.getHook(), true, Targets.mayNotManage(target));
      return;
    }
    String source = event.getOption("source", "", OptionMapping::getAsString);
    UnsubscribeResult result = service.unsubscribe(target.getIdLong(), source);
    if (result instanceof UnsubscribeResult.Unsubscribed done) {
      Replies.answer(
          event.getHook(),
          "Unsubscribed "
              + target.getAsMention()
              + " from "
              + Replies.inert(catalogue.displayName(done.feed()))
              + ". No more posts from it will appear here.");
    } else if (result instanceof UnsubscribeResult.NotSubscribed not) {
      Replies.error(
          event.getHook(),
          true,
          Replies.inert(not.reason())
              + ". See /subscriptions for what "
              + target.getAsMention()
              + " receives.");
    }
  }

  @Override
  public void autocomplete(CommandAutoCompleteInteractionEvent event) {
    event.replyChoices(picker.choices(event)).queue();
  }
}
