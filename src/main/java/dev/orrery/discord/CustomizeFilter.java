package dev.orrery.discord;

import dev.orrery.discord.SubscriptionPicker.Pick;
import dev.orrery.poll.Catalogue;
import dev.orrery.rules.Filter;
import dev.orrery.store.Entry;
import dev.orrery.store.EntryStore;
import dev.orrery.store.SubscriptionStore;
import java.util.List;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * {@code /customize filter}: which new entries a subscription posts, checked before it is saved and
 * tried on the feed's latest entries; none posts every entry again.
 */
final class CustomizeFilter implements CustomizeSubcommand {
  private final SubscriptionStore subscriptions;
  private final EntryStore entries;
  private final Catalogue catalogue;

  CustomizeFilter(SubscriptionStore subscriptions, EntryStore entries, Catalogue catalogue) {
    this.subscriptions = subscriptions;
    this.entries = entries;
    this.catalogue = catalogue;
  }

  /** The expression option, shared with {@code /subscribe}. */
  static OptionData expressionOption(String name) {
    return new OptionData(
            OptionType.STRING,
            name,
            "Such as: django -title:/beta|rc\\d/ OR author:\"Adam Johnson\" (none: every entry)")
        .setMaxLength(Filter.MAX_LENGTH);
  }

  @Override
  public SubcommandData definition() {
    return new SubcommandData("filter", "Post only the new entries that match a search expression")
        .addOptions(
            CustomizeCommand.sourceOption(),
            expressionOption("expression"),
            CustomizeCommand.channelOption());
  }

  @Override
  public void handle(SlashCommandInteractionEvent event, Pick.Picked picked) {
    String expression = event.getOption("expression", OptionMapping::getAsString);
    long id = picked.subscription().id();
    if (expression == null || expression.isBlank()) {
      if (!subscriptions.setFilter(id, null)) {
        Replies.error(event.getHook(), true, SubscriptionPicker.GONE);
        return;
      }
      Replies.answer(
          event.getHook(),
          picked.subscription().filter() == null
              ? picked.describe(catalogue) + " has no filter: every new entry is posted."
              : picked.describe(catalogue)
                  + " has no filter any more: every new entry is posted. The entries it stopped"
                  + " stay unposted.");
      return;
    }
    FilterAnswers.Checked checked = FilterAnswers.check(expression);
    if (checked instanceof FilterAnswers.Checked.Refused refused) {
      Replies.error(
          event.getHook(),
          true,
          refused.message() + "\nNothing was saved: fix the filter and try again.");
      return;
    }
    Filter filter = ((FilterAnswers.Checked.Valid) checked).filter();
    if (!subscriptions.setFilter(id, filter.expression())) {
      Replies.error(event.getHook(), true, SubscriptionPicker.GONE);
      return;
    }
    List<Entry> latest = entries.latest(picked.feed().id(), FilterAnswers.TRIED_ON);
    Replies.answer(
        event.getHook(),
        "Saved the filter of "
            + picked.describe(catalogue)
            + ": "
            + Replies.code(filter.expression())
            + ". It decides for new entries; those already posted or stopped stay so.\n"
            + (latest.isEmpty()
                ? "The feed has no entries yet to try it on."
                : FilterAnswers.tried(filter, latest)));
  }
}
