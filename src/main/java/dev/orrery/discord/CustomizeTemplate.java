package dev.orrery.discord;

import dev.orrery.discord.SubscriptionPicker.Pick;
import dev.orrery.poll.Catalogue;
import dev.orrery.store.Entry;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.util.List;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * {@code /customize template}: the text of each post, checked before it is saved, answered with the
 * latest entry as it would now be posted.
 */
final class CustomizeTemplate implements CustomizeSubcommand {
  private final SubscriptionStore subscriptions;
  private final EntryStore entries;
  private final Catalogue catalogue;
  private final EntryRenderer renderer;

  CustomizeTemplate(
      SubscriptionStore subscriptions,
      EntryStore entries,
      Catalogue catalogue,
      EntryRenderer renderer) {
    this.subscriptions = subscriptions;
    this.entries = entries;
    this.catalogue = catalogue;
    this.renderer = renderer;
  }

  @Override
  public SubcommandData definition() {
    return new SubcommandData(
            "template", "The text of each post, with placeholders; none restores the default")
        .addOptions(
            CustomizeCommand.sourceOption(),
            new OptionData(
                    OptionType.STRING,
                    "text",
                    "Such as: New on {{feed}}: **{{title}}** {{link}} (none: the default post)")
                .setMaxLength(MessageTemplate.MAX_LENGTH),
            new OptionData(
                OptionType.BOOLEAN,
                "embed",
                "Whether the entry's embed goes under the text (default: yes, or as it is now)"),
            CustomizeCommand.channelOption());
  }

  @Override
  public void handle(SlashCommandInteractionEvent event, Pick.Picked picked) {
    String text = event.getOption("text", OptionMapping::getAsString);
    Boolean embedOption = event.getOption("embed", OptionMapping::getAsBoolean);
    Subscription subscription = picked.subscription();
    // a new text keeps the embed as it is; going back to the default brings the embed back
    boolean embed =
        embedOption != null ? embedOption : text == null || text.isBlank() || subscription.embed();
    List<Entry> latest = entries.latest(picked.feed().id(), 1);
    MessageCreateData preview;
    try {
      renderer.check(text);
      preview =
          latest.isEmpty()
              ? null
              : renderer.preview(picked.feed(), latest.get(0), subscription, text, embed);
    } catch (TemplateException e) {
      Replies.error(
          event.getHook(),
          true,
          Replies.sentence(e.getMessage()) + " Nothing was saved: fix the template and try again.");
      return;
    }
    if (!subscriptions.setTemplate(subscription.id(), text, embed)) {
      Replies.error(event.getHook(), true, SubscriptionPicker.GONE);
      return;
    }
    String done =
        Subscription.storedTemplate(text) == null
            ? picked.describe(catalogue)
                + " is back to the default post"
                + (embed ? "." : ", without the embed: the entry's link alone.")
            : "Saved the template of "
                + picked.describe(catalogue)
                + (embed ? "." : ", posted without the embed.");
    if (preview == null) {
      Replies.answer(
          event.getHook(), done + " The feed has no entries yet, so there is nothing to preview.");
    } else {
      Replies.answer(event.getHook(), done + " Its latest entry, as it would be posted:", preview);
    }
  }
}
