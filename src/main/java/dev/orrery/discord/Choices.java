package dev.orrery.discord;

import dev.orrery.config.Config;
import dev.orrery.poll.Catalogue;
import dev.orrery.store.Feed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/**
 * Autocomplete choices for source options, within Discord's limits (25 choices, 100 characters).
 */
final class Choices {
  private Choices() {}

  /**
   * Catalogue sources whose name or title contains what was typed; a typed URL is offered as is.
   */
  static List<Command.Choice> sources(Catalogue catalogue, String typed) {
    String query = typed.strip().toLowerCase(Locale.ROOT);
    List<Command.Choice> choices = new ArrayList<>();
    if (query.startsWith("http://") || query.startsWith("https://")) {
      if (typed.strip().length() <= OptionData.MAX_CHOICE_VALUE_LENGTH) {
        choices.add(
            new Command.Choice(
                EntryRenderer.cut(typed.strip(), OptionData.MAX_CHOICE_NAME_LENGTH),
                typed.strip()));
      }
      return choices;
    }
    for (Config.Source source : catalogue.sources()) {
      String label = source.displayName() + " (" + source.name() + ")";
      if (label.toLowerCase(Locale.ROOT).contains(query)
          && choices.size() < OptionData.MAX_CHOICES) {
        choices.add(
            new Command.Choice(
                EntryRenderer.cut(label, OptionData.MAX_CHOICE_NAME_LENGTH), source.name()));
      }
    }
    return choices;
  }

  /** The feeds a channel is subscribed to, as choices: catalogue name when it has one, else URL. */
  static List<Command.Choice> feeds(Catalogue catalogue, List<Feed> feeds, String typed) {
    String query = typed.strip().toLowerCase(Locale.ROOT);
    List<Command.Choice> choices = new ArrayList<>();
    for (Feed feed : feeds) {
      String value = catalogue.forFeed(feed).map(Config.Source::name).orElse(feed.url());
      String label = catalogue.displayName(feed);
      if (value.length() > OptionData.MAX_CHOICE_VALUE_LENGTH
          || choices.size() == OptionData.MAX_CHOICES) {
        continue;
      }
      if (label.toLowerCase(Locale.ROOT).contains(query)
          || value.toLowerCase(Locale.ROOT).contains(query)) {
        choices.add(
            new Command.Choice(EntryRenderer.cut(label, OptionData.MAX_CHOICE_NAME_LENGTH), value));
      }
    }
    return choices;
  }
}
