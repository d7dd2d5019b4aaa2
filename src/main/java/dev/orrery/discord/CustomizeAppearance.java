package dev.orrery.discord;

import dev.orrery.discord.SubscriptionPicker.Pick;
import dev.orrery.poll.Catalogue;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * {@code /customize appearance}: the name and avatar a subscription posts under, through a webhook
 * of its channel; neither posts as the bot again.
 */
final class CustomizeAppearance implements CustomizeSubcommand {
  private final SubscriptionStore subscriptions;
  private final Catalogue catalogue;

  CustomizeAppearance(SubscriptionStore subscriptions, Catalogue catalogue) {
    this.subscriptions = subscriptions;
    this.catalogue = catalogue;
  }

  @Override
  public SubcommandData definition() {
    return new SubcommandData(
            "appearance", "Post under another name and avatar; neither posts as the bot again")
        .addOptions(
            CustomizeCommand.sourceOption(),
            new OptionData(OptionType.STRING, "name", "The name posts show (default: the source's)")
                .setMaxLength(Appearances.NAME_MAX),
            new OptionData(
                    OptionType.STRING,
                    "avatar",
                    "The http(s) address of the avatar image (default: the feed's image)")
                .setMaxLength(Appearances.AVATAR_URL_MAX),
            CustomizeCommand.channelOption());
  }

  @Override
  public void handle(SlashCommandInteractionEvent event, Pick.Picked picked) {
    String name = typed(event.getOption("name", OptionMapping::getAsString));
    String avatar = typed(event.getOption("avatar", OptionMapping::getAsString));
    Subscription.Appearance appearance =
        name == null && avatar == null ? null : new Subscription.Appearance(name, avatar);
    String refusal = refusal(appearance, picked.channel());
    if (refusal != null) {
      Replies.error(event.getHook(), true, refusal + " Nothing was saved.");
      return;
    }
    if (!subscriptions.setAppearance(picked.subscription().id(), appearance)) {
      Replies.error(event.getHook(), true, SubscriptionPicker.GONE);
      return;
    }
    if (appearance == null) {
      Replies.answer(event.getHook(), picked.describe(catalogue) + " posts as me again.");
      return;
    }
    Replies.answer(
        event.getHook(),
        picked.describe(catalogue) + " now posts through a webhook, signed like this:",
        preview(picked.feed(), appearance));
  }

  /**
   * Why this appearance cannot be saved for posts in this channel, or null. Clearing it is always
   * possible: posting as the bot needs no webhook.
   */
  static String refusal(Subscription.Appearance appearance, GuildChannel channel) {
    if (appearance == null) {
      return null;
    }
    // every problem at once, so that one more try is enough
    List<String> problems =
        Stream.of(
                Appearances.nameRefusal(appearance.name()),
                Appearances.avatarRefusal(appearance.avatarUrl()))
            .flatMap(Optional::stream)
            .map(Replies::sentence)
            .toList();
    if (!problems.isEmpty()) {
      return String.join(" ", problems);
    }
    if (!Targets.botMayUseWebhooks(channel)) {
      return "I need the Manage Webhooks permission in "
          + channel.getAsMention()
          + " (or the channel its thread is in) to post under another name: ask an admin to"
          + " allow it for me, then try again.";
    }
    return null;
  }

  /** What a person typed, without the space around it; null when nothing was. */
  static String typed(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** The name and avatar as posts will show them: the source's title and image by default. */
  MessageEmbed preview(Feed feed, Subscription.Appearance appearance) {
    Appearances.Shown shown = Appearances.shown(appearance, feed, catalogue);
    // an embed takes icon links up to 2,000 characters, a webhook avatar up to 2,048
    String icon = EntryRenderer.linkable(shown.avatarUrl());
    String name = Replies.inert(shown.username());
    return new EmbedBuilder()
        .setAuthor(shown.username(), null, icon)
        .setColor(EntryRenderer.DEFAULT_COLOR)
        .setDescription(
            shown.avatarUrl() == null
                ? "Name: " + name + "\nAvatar: the webhook's own"
                : "Name: " + name + "\nAvatar: " + Replies.inert(shown.avatarUrl()))
        .build();
  }
}
