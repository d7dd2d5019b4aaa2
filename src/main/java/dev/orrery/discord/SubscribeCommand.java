package dev.orrery.discord;

import dev.orrery.poll.Catalogue;
import dev.orrery.poll.SubscriptionService;
import dev.orrery.poll.SubscriptionService.SubscribeResult;
import dev.orrery.store.Entry;
import dev.orrery.store.Subscription;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Role;
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
import net.dv8tion.jda.api.utils.TimeFormat;

/** {@code /subscribe}: a channel starts receiving a source's new posts. */
final class SubscribeCommand implements SlashCommand {
  static final int MAX_BACKFILL = 10;

  private final SubscriptionService service;
  private final Catalogue catalogue;
  private final Runnable wakeDeliverer;

  SubscribeCommand(SubscriptionService service, Catalogue catalogue, Runnable wakeDeliverer) {
    this.service = service;
    this.catalogue = catalogue;
    this.wakeDeliverer = wakeDeliverer;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("subscribe", "Post new entries of a feed to a channel")
        .addOptions(
            new OptionData(
                OptionType.STRING,
                "source",
                "A source name (see /sources) or a feed URL",
                true,
                true),
            new OptionData(OptionType.CHANNEL, "channel", "Where to post (default: this channel)")
                .setChannelTypes(Targets.POSTABLE),
            new OptionData(OptionType.ROLE, "mention", "A role to mention with each new post"),
            new OptionData(
                    OptionType.INTEGER, "backfill", "Also post the latest N existing entries now")
                .setRequiredRange(0, MAX_BACKFILL),
            CustomizeFilter.expressionOption("filter"))
        .setContexts(InteractionContextType.GUILD)
        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_CHANNEL));
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    GuildChannel target = Targets.channel(event);
    String refusal = Targets.refusal(event.getMember(), target);
    if (refusal != null) {
      Replies.error(event.getHook(), true, refusal);
      return;
    }
    Role role = event.getOption("mention", OptionMapping::getAsRole);
    if (role != null
        && !role.isMentionable()
        && !event.getMember().hasPermission(target, Permission.MESSAGE_MENTION_EVERYONE)) {
      // the bot must not ping, for someone, a role that person could not ping themselves
      Replies.error(
          event.getHook(),
          true,
          role.getAsMention()
              + " is not mentionable, and you may not mention it yourself: make it mentionable,"
              + " or ask someone with Mention Everyone to subscribe.");
      return;
    }
    String filter = event.getOption("filter", OptionMapping::getAsString);
    if (filter != null && !filter.isBlank()) {
      FilterAnswers.Checked checked = FilterAnswers.check(filter);
      if (checked instanceof FilterAnswers.Checked.Refused refused) {
        Replies.error(
            event.getHook(),
            true,
            refused.message() + "\nNothing was saved: fix the filter and subscribe again.");
        return;
      }
      filter = ((FilterAnswers.Checked.Valid) checked).filter().expression();
    } else {
      filter = null;
    }
    int backfill = event.getOption("backfill", 0, OptionMapping::getAsInt);
    String source = event.getOption("source", "", OptionMapping::getAsString);
    SubscribeResult result =
        service.subscribe(
            event.getGuild().getIdLong(),
            target.getIdLong(),
            source,
            role == null ? null : role.getIdLong(),
            Subscription.Settings.filtered(filter),
            event.getUser().getIdLong(),
            backfill);
    if (result instanceof SubscribeResult.Refused refused) {
      Replies.error(
          event.getHook(),
          true,
          "Could not subscribe to that source: "
              + Replies.inert(refused.reason())
              + ". Check the URL, or pick one from /sources.");
    } else if (result instanceof SubscribeResult.AlreadySubscribed already) {
      String name = Replies.inert(catalogue.displayName(already.feed()));
      String text = target.getAsMention() + " is already subscribed to " + name + ".";
      if (already.resumedFrom() != null) {
        text += " It was paused (" + Replies.inert(already.resumedFrom()) + "); I've resumed it.";
      } else {
        text += " Nothing changed.";
      }
      if (filter != null) {
        text += " To change its filter, use /customize filter.";
      }
      Replies.answer(event.getHook(), text);
    } else if (result instanceof SubscribeResult.Subscribed subscribed) {
      Replies.answer(event.getHook(), confirmation(target, subscribed, role));
      if (subscribed.backfilled() > 0) {
        wakeDeliverer.run();
      }
    }
  }

  private String confirmation(GuildChannel target, SubscribeResult.Subscribed s, Role role) {
    StringBuilder text = new StringBuilder();
    if (s.note() != null) {
      text.append(Replies.sentence(s.note())).append('\n');
    }
    text.append("Subscribed ")
        .append(target.getAsMention())
        .append(" to ")
        .append(Replies.inert(catalogue.displayName(s.feed())))
        .append('.');
    Entry latest = s.latest();
    if (latest != null) {
      text.append(" Latest post: ")
          .append(Replies.inert(latest.title()))
          .append(" (")
          .append(TimeFormat.DATE_LONG.format(latest.published()))
          .append(").");
    } else {
      text.append(" The feed has no posts yet.");
    }
    if (s.backfilled() > 0) {
      text.append(" Posting the latest ").append(s.backfilled()).append(" now.");
    }
    if (s.subscription().filter() != null) {
      text.append(" Only new entries matching ")
          .append(Replies.code(s.subscription().filter()))
          .append(" will be posted.");
    }
    text.append(" New posts will appear here");
    if (role != null) {
      text.append(", mentioning ").append(role.getAsMention());
      if (!role.isMentionable()
          && !target
              .getGuild()
              .getSelfMember()
              .hasPermission(Permission.MESSAGE_MENTION_EVERYONE)) {
        text.append(
            " (that role is not mentionable and I lack Mention Everyone: the mention won't ping)");
      }
    }
    return text.append('.').toString();
  }

  @Override
  public void autocomplete(CommandAutoCompleteInteractionEvent event) {
    event.replyChoices(Choices.sources(catalogue, event.getFocusedOption().getValue())).queue();
  }
}
