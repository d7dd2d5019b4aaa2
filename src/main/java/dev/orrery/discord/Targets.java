package dev.orrery.discord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/** The channel a command acts on, and whether the caller and the bot may use it. */
final class Targets {
  /** The kinds of channel a subscription can post to. */
  static final EnumSet<ChannelType> POSTABLE =
      EnumSet.of(
          ChannelType.TEXT,
          ChannelType.NEWS,
          ChannelType.GUILD_PUBLIC_THREAD,
          ChannelType.GUILD_NEWS_THREAD,
          ChannelType.GUILD_PRIVATE_THREAD,
          ChannelType.FORUM);

  private Targets() {}

  /** The {@code channel} option, else the channel the command was typed in. */
  static GuildChannel channel(SlashCommandInteractionEvent event) {
    OptionMapping option = event.getOption("channel");
    if (option != null) {
      return option.getAsChannel();
    }
    return event.getGuildChannel();
  }

  /**
   * Why {@code member} may not change what {@code target} receives, or why the bot could not post
   * there, in a sentence saying what to do; null when both may.
   */
  static String refusal(Member member, GuildChannel target) {
    if (!POSTABLE.contains(target.getType())) {
      return target.getAsMention()
          + " is not a channel I can post to: pick a text, announcement, thread or forum channel.";
    }
    if (!mayManage(member, target)) {
      return "You need the Manage Channels permission in "
          + target.getAsMention()
          + " to change its subscriptions.";
    }
    List<Permission> missing = missingForBot(target);
    if (!missing.isEmpty()) {
      return "I can't post in "
          + target.getAsMention()
          + ": I'm missing "
          + names(missing)
          + ". Ask an admin to allow that for me in the channel's settings, then try again.";
    }
    return null;
  }

  /** What the bot lacks to post in {@code channel}; empty when it can. */
  static List<Permission> missingForBot(GuildChannel channel) {
    Member self = channel.getGuild().getSelfMember();
    List<Permission> needed =
        new ArrayList<>(List.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_EMBED_LINKS));
    if (channel.getType().isThread()) {
      needed.add(Permission.MESSAGE_SEND_IN_THREADS);
    } else if (channel.getType() == ChannelType.FORUM) {
      needed.add(Permission.MESSAGE_SEND);
      needed.add(Permission.MESSAGE_SEND_IN_THREADS);
    } else {
      needed.add(Permission.MESSAGE_SEND);
    }
    return needed.stream().filter(p -> !self.hasPermission(channel, p)).toList();
  }

  /**
   * True when the bot may manage the webhooks a channel posts through: those of a thread belong to
   * its parent channel.
   */
  static boolean botMayUseWebhooks(GuildChannel channel) {
    GuildChannel home =
        channel instanceof ThreadChannel thread ? thread.getParentChannel() : channel;
    return home.getGuild().getSelfMember().hasPermission(home, Permission.MANAGE_WEBHOOKS);
  }

  static String names(List<Permission> permissions) {
    return permissions.stream().map(Permission::getName).collect(Collectors.joining(", "));
  }

  /** What to tell a member who may not change the channel's subscriptions. */
  static String mayNotManage(GuildChannel channel) {
    return "You need the Manage Channels permission in "
        + channel.getAsMention()
        + " to change its subscriptions.";
  }

  /** True when the member may manage {@code channel}: subscribing changes what it receives. */
  static boolean mayManage(Member member, GuildChannel channel) {
    return member != null && member.hasPermission(channel, Permission.MANAGE_CHANNEL);
  }
}
