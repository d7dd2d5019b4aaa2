package dev.orrery.discord;

import dev.orrery.poll.Catalogue;
import dev.orrery.poll.SubscriptionService;
import dev.orrery.poll.SubscriptionService.Lookup;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * The one subscription a command changes: the {@code channel} option (else the channel the command
 * was typed in), the caller's right to change it, and the {@code source} among that channel's
 * subscriptions; and the choices offered while the source is typed.
 */
final class SubscriptionPicker {
  /** For a subscription removed between picking it and saving a change to it. */
  static final String GONE =
      "That subscription was removed a moment ago, so nothing was saved. See /subscriptions.";

  private final SubscriptionService service;
  private final SubscriptionStore subscriptions;
  private final FeedStore feeds;
  private final Catalogue catalogue;

  SubscriptionPicker(
      SubscriptionService service,
      SubscriptionStore subscriptions,
      FeedStore feeds,
      Catalogue catalogue) {
    this.service = service;
    this.subscriptions = subscriptions;
    this.feeds = feeds;
    this.catalogue = catalogue;
  }

  /** What picking came to. */
  sealed interface Pick {
    /** The subscription, its feed, and the channel it posts to. */
    record Picked(GuildChannel channel, Feed feed, Subscription subscription) implements Pick {
      /** "Planet Python in #news", for replies. */
      String describe(Catalogue catalogue) {
        return Replies.inert(catalogue.displayName(feed)) + " in " + channel.getAsMention();
      }
    }

    /** Nothing to act on; the message says why and what to do, for the caller. */
    record Refused(String message) implements Pick {}
  }

  /** The subscription named by the command's {@code source} and {@code channel} options. */
  Pick pick(SlashCommandInteractionEvent event) {
    GuildChannel channel = Targets.channel(event);
    if (!Targets.mayManage(event.getMember(), channel)) {
      return new Pick.Refused(Targets.mayNotManage(channel));
    }
    String source = event.getOption("source", "", OptionMapping::getAsString);
    Lookup lookup = service.find(channel.getIdLong(), source);
    if (lookup instanceof Lookup.Found found) {
      return new Pick.Picked(channel, found.feed(), found.subscription());
    }
    String problem =
        lookup instanceof Lookup.Invalid invalid
            ? Replies.sentence(invalid.reason())
            : channel.getAsMention()
                + " is not subscribed to "
                + Replies.inert(source.strip())
                + ".";
    return new Pick.Refused(
        problem
            + " Pick one of the sources "
            + channel.getAsMention()
            + " is subscribed to (see /subscriptions), or subscribe it first with /subscribe.");
  }

  /**
   * The subscription again, by id, when a form opened earlier is submitted: it may have been
   * removed since, and the member may have lost the right to change it.
   */
  Pick reread(Guild guild, Member member, long subscriptionId) {
    Optional<Subscription> subscription =
        subscriptions.find(subscriptionId).filter(s -> s.guildId() == guild.getIdLong());
    Optional<GuildChannel> channel =
        subscription.map(s -> guild.getGuildChannelById(s.channelId()));
    Optional<Feed> feed = subscription.flatMap(s -> feeds.find(s.feedId()));
    if (channel.isEmpty() || feed.isEmpty()) {
      return new Pick.Refused(
          "That subscription no longer exists (it was removed after the form was opened), so"
              + " nothing was saved. See /subscriptions for what this server receives.");
    }
    if (!Targets.mayManage(member, channel.get())) {
      return new Pick.Refused(Targets.mayNotManage(channel.get()) + " Nothing was saved.");
    }
    return new Pick.Picked(channel.get(), feed.get(), subscription.get());
  }

  /** The sources the chosen channel is subscribed to, matching what was typed. */
  List<Command.Choice> choices(CommandAutoCompleteInteractionEvent event) {
    OptionMapping channelOption = event.getOption("channel");
    long channelId = channelOption != null ? channelOption.getAsLong() : event.getChannelIdLong();
    List<Feed> subscribed =
        subscriptions.forChannel(channelId).stream()
            .map(s -> feeds.find(s.feedId()))
            .flatMap(Optional::stream)
            .toList();
    return Choices.feeds(catalogue, subscribed, event.getFocusedOption().getValue());
  }
}
