package dev.orrery.discord;

import dev.orrery.discord.SubscriptionPicker.Pick;
import dev.orrery.poll.Catalogue;
import dev.orrery.rules.Filter;
import dev.orrery.store.Subscription;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.modals.Modal;

/**
 * {@code /customize edit}: a form holding the subscription's filter, template, name and avatar as
 * they are, to change them together; {@link CustomizeFormSubmission} saves what comes back.
 */
final class CustomizeForm implements CustomizeSubcommand {
  /** The form's custom id is this and the subscription's id. */
  static final String MODAL_PREFIX = "customize:";

  static final String FILTER = "filter";
  static final String TEMPLATE = "template";
  static final String NAME = "name";
  static final String AVATAR = "avatar";

  /** Discord's longest text input. */
  private static final int INPUT_MAX = 4000;

  private final Catalogue catalogue;

  CustomizeForm(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  @Override
  public SubcommandData definition() {
    return new SubcommandData("edit", "Change the filter, template, name and avatar in one form")
        .addOptions(CustomizeCommand.sourceOption(), CustomizeCommand.channelOption());
  }

  @Override
  public boolean answersWithModal() {
    return true;
  }

  @Override
  public void handle(SlashCommandInteractionEvent event, Pick.Picked picked) {
    event.replyModal(form(picked)).queue();
  }

  private Modal form(Pick.Picked picked) {
    Subscription s = picked.subscription();
    Subscription.Appearance appearance = s.appearance();
    String title = "Customize " + catalogue.displayName(picked.feed());
    return Modal.create(MODAL_PREFIX + s.id(), EntryRenderer.cut(title, Modal.MAX_TITLE_LENGTH))
        .addComponents(
            Label.of(
                "Filter",
                "Only new entries matching it are posted; empty: every entry",
                input(FILTER, TextInputStyle.SHORT, Filter.MAX_LENGTH, s.filter())
                    .setPlaceholder("django -title:beta OR author:\"Adam Johnson\"")
                    .build()),
            Label.of(
                "Template",
                "The text of each post, with placeholders; empty: the default post",
                input(TEMPLATE, TextInputStyle.PARAGRAPH, MessageTemplate.MAX_LENGTH, s.template())
                    .setPlaceholder("New on {{feed}}: **{{title}}** {{link}}")
                    .build()),
            Label.of(
                "Name",
                "Posts show it, through a webhook; empty: the source's title",
                input(
                        NAME,
                        TextInputStyle.SHORT,
                        Appearances.NAME_MAX,
                        appearance == null ? null : appearance.name())
                    .build()),
            Label.of(
                "Avatar",
                "The http(s) address of an image; empty: the feed's",
                input(
                        AVATAR,
                        TextInputStyle.SHORT,
                        Appearances.AVATAR_URL_MAX,
                        appearance == null ? null : appearance.avatarUrl())
                    .setPlaceholder("https://example.org/logo.png")
                    .build()))
        .build();
  }

  /** An optional input holding today's value; a value saved under other limits still fits. */
  private static TextInput.Builder input(
      String id, TextInputStyle style, int maxLength, String value) {
    TextInput.Builder input =
        TextInput.create(id, style)
            .setRequired(false)
            .setMaxLength(
                Math.min(INPUT_MAX, Math.max(maxLength, value == null ? 0 : value.length())));
    if (value != null && value.length() <= INPUT_MAX) {
      input.setValue(value);
    }
    return input;
  }
}
