package dev.orrery.discord;

import dev.orrery.discord.SubscriptionPicker.Pick;
import dev.orrery.poll.Catalogue;
import dev.orrery.rules.Filter;
import dev.orrery.store.Entry;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * A submitted {@link CustomizeForm}: every field is checked first, then all are saved in one
 * statement, or none and every problem is listed.
 */
final class CustomizeFormSubmission {
  private final SubscriptionPicker picker;
  private final SubscriptionStore subscriptions;
  private final EntryStore entries;
  private final Catalogue catalogue;
  private final EntryRenderer renderer;

  CustomizeFormSubmission(
      SubscriptionPicker picker,
      SubscriptionStore subscriptions,
      EntryStore entries,
      Catalogue catalogue,
      EntryRenderer renderer) {
    this.picker = picker;
    this.subscriptions = subscriptions;
    this.entries = entries;
    this.catalogue = catalogue;
    this.renderer = renderer;
  }

  /** What the form asks for, as checked. */
  private record Wanted(Filter filter, String template, Subscription.Appearance appearance) {}

  /** Handles a submission after the router deferred an ephemeral reply. */
  void submit(ModalInteractionEvent event) {
    long subscriptionId;
    try {
      subscriptionId =
          Long.parseLong(event.getModalId().substring(CustomizeForm.MODAL_PREFIX.length()));
    } catch (NumberFormatException e) {
      Replies.error(
          event.getHook(), true, "That form is out of date: open it again with /customize edit.");
      return;
    }
    Pick pick = picker.reread(event.getGuild(), event.getMember(), subscriptionId);
    if (pick instanceof Pick.Refused refused) {
      Replies.error(event.getHook(), true, refused.message());
      return;
    }
    Pick.Picked picked = (Pick.Picked) pick;
    List<String> problems = new ArrayList<>();
    Wanted wanted = check(event, picked, problems);
    if (!problems.isEmpty()) {
      Replies.error(
          event.getHook(),
          true,
          "Nothing was saved: "
              + (problems.size() == 1 ? "one field needs" : problems.size() + " fields need")
              + " fixing first. Open the form again with /customize edit.\n• "
              + String.join("\n• ", problems));
      return;
    }
    String filter = wanted.filter() == null ? null : wanted.filter().expression();
    if (!subscriptions.customize(subscriptionId, filter, wanted.template(), wanted.appearance())) {
      Replies.error(event.getHook(), true, SubscriptionPicker.GONE);
      return;
    }
    answer(event, picked, wanted);
  }

  /** The fields as they will be saved; what is wrong with them goes into {@code problems}. */
  private Wanted check(ModalInteractionEvent event, Pick.Picked picked, List<String> problems) {
    Filter filter = null;
    String expression = value(event, CustomizeForm.FILTER);
    if (expression != null) {
      FilterAnswers.Checked checked = FilterAnswers.check(expression);
      if (checked instanceof FilterAnswers.Checked.Refused refused) {
        problems.add("Filter: " + refused.message());
      } else {
        filter = ((FilterAnswers.Checked.Valid) checked).filter();
      }
    }
    String template = value(event, CustomizeForm.TEMPLATE);
    try {
      renderer.check(template);
    } catch (TemplateException e) {
      problems.add("Template: " + Replies.sentence(e.getMessage()));
    }
    String name = value(event, CustomizeForm.NAME);
    String avatar = value(event, CustomizeForm.AVATAR);
    Subscription.Appearance appearance =
        name == null && avatar == null ? null : new Subscription.Appearance(name, avatar);
    // an appearance kept as it was is not asked about again (the bot may have lost the right)
    if (!Objects.equals(appearance, picked.subscription().appearance())) {
      String refusal = CustomizeAppearance.refusal(appearance, picked.channel());
      if (refusal != null) {
        problems.add("Name and avatar: " + refusal);
      }
    }
    return new Wanted(filter, template, appearance);
  }

  private static String value(ModalInteractionEvent event, String id) {
    ModalMapping mapping = event.getValue(id);
    return CustomizeAppearance.typed(mapping == null ? null : mapping.getAsString());
  }

  /** Says what was saved: the filter tried, the name posts show, then the latest entry's post. */
  private void answer(ModalInteractionEvent event, Pick.Picked picked, Wanted wanted) {
    List<Entry> latest = entries.latest(picked.feed().id(), FilterAnswers.TRIED_ON);
    StringBuilder text =
        new StringBuilder("Saved the filter, template, name and avatar of ")
            .append(picked.describe(catalogue))
            .append(".\n");
    if (wanted.filter() == null) {
      text.append("No filter: every new entry is posted.\n");
    } else {
      text.append("Filter ").append(Replies.code(wanted.filter().expression())).append(". ");
      text.append(
              latest.isEmpty()
                  ? "The feed has no entries yet to try it on."
                  : FilterAnswers.tried(wanted.filter(), latest))
          .append('\n');
    }
    if (wanted.appearance() == null) {
      text.append("Posts as me.\n");
    } else {
      Appearances.Shown shown = Appearances.shown(wanted.appearance(), picked.feed(), catalogue);
      text.append("Posts through a webhook as **")
          .append(Replies.inert(shown.username()))
          .append("**")
          .append(wanted.appearance().avatarUrl() == null ? "" : ", with the avatar given")
          .append(".\n");
    }
    if (latest.isEmpty()) {
      Replies.answer(
          event.getHook(), text.append("The feed has no entries yet to preview.").toString());
      return;
    }
    MessageCreateData preview;
    try {
      preview =
          renderer.preview(
              picked.feed(),
              latest.get(0),
              picked.subscription(),
              wanted.template(),
              picked.subscription().embed());
    } catch (TemplateException e) {
      // checked before saving: the same text compiles the same way
      throw new IllegalStateException(e);
    }
    Replies.answer(
        event.getHook(),
        text.append("Its latest entry, as it would be posted:").toString(),
        preview);
  }
}
