package dev.orrery.discord;

import dev.orrery.poll.Catalogue;
import dev.orrery.poll.FeedFinder;
import dev.orrery.store.Entry;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/** {@code /latest}: the latest entries of a source, or across the channel's subscriptions. */
final class LatestCommand implements SlashCommand {
  static final int DEFAULT_COUNT = 5;
  static final int MAX_COUNT = 10;

  private final Catalogue catalogue;
  private final FeedStore feeds;
  private final EntryStore entries;
  private final SubscriptionStore subscriptions;
  private final FeedFinder finder;
  private final EntryRenderer renderer;

  LatestCommand(
      Catalogue catalogue,
      FeedStore feeds,
      EntryStore entries,
      SubscriptionStore subscriptions,
      FeedFinder finder,
      EntryRenderer renderer) {
    this.catalogue = catalogue;
    this.feeds = feeds;
    this.entries = entries;
    this.subscriptions = subscriptions;
    this.finder = finder;
    this.renderer = renderer;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash(
            "latest", "Show the latest entries of a source or of this channel's subscriptions")
        .addOptions(
            new OptionData(
                OptionType.STRING,
                "source",
                "A source name or feed URL (default: this channel's)",
                false,
                true),
            new OptionData(OptionType.INTEGER, "count", "How many, 1 to 10 (default 5)")
                .setRequiredRange(1, MAX_COUNT))
        .setContexts(InteractionContextType.GUILD);
  }

  @Override
  public boolean ephemeral() {
    return false;
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    int count = event.getOption("count", DEFAULT_COUNT, OptionMapping::getAsInt);
    String source = event.getOption("source", OptionMapping::getAsString);
    List<Entry> latest;
    String note = null;
    if (source == null || source.isBlank()) {
      latest = entries.latestForChannel(event.getChannelIdLong(), count);
      if (latest.isEmpty()) {
        Replies.error(
            event.getHook(),
            false,
            "This channel has no subscriptions with entries yet: name a source, like `/latest"
                + " source:planet-python`.");
        return;
      }
    } else {
      Catalogue.Resolution resolution = finder.resolve(source);
      if (resolution instanceof Catalogue.Resolution.Invalid invalid) {
        Replies.error(event.getHook(), false, Replies.inert(invalid.reason()) + ".");
        return;
      }
      FeedFinder.Found found =
          finder.find((Catalogue.Resolution.Url) resolution, FeedFinder.Freshness.READ_ONCE);
      if (found instanceof FeedFinder.Found.Refused refused) {
        Replies.error(
            event.getHook(),
            false,
            "Could not read that feed: " + Replies.inert(refused.reason()) + ".");
        return;
      }
      Feed feed = ((FeedFinder.Found.Ready) found).feed();
      note = ((FeedFinder.Found.Ready) found).note();
      latest = entries.latest(feed.id(), count);
      if (latest.isEmpty()) {
        Replies.error(
            event.getHook(),
            false,
            Replies.inert(catalogue.displayName(feed)) + " has no entries yet.");
        return;
      }
    }
    send(event, latest, note);
  }

  /** The embeds, after a line saying how the feed was found when it took a page to find it. */
  private void send(SlashCommandInteractionEvent event, List<Entry> latest, String note) {
    Map<Long, Feed> byId = new HashMap<>();
    List<MessageEmbed> embeds = new ArrayList<>();
    for (Entry entry : latest) {
      Optional<Feed> feed =
          Optional.ofNullable(
              byId.computeIfAbsent(entry.feedId(), id -> feeds.find(id).orElse(null)));
      feed.ifPresent(f -> embeds.add(renderer.embed(f, entry)));
    }
    List<List<MessageEmbed>> messages = EntryRenderer.pack(embeds);
    event
        .getHook()
        .editOriginal(
            new MessageEditBuilder()
                .setContent(note == null ? null : Replies.sentence(note))
                .setEmbeds(messages.get(0))
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .build())
        .queue();
    for (List<MessageEmbed> more : messages.subList(1, messages.size())) {
      event
          .getHook()
          .sendMessage(EntryRenderer.quiet(new MessageCreateBuilder().setEmbeds(more)).build())
          .queue();
    }
  }

  @Override
  public void autocomplete(CommandAutoCompleteInteractionEvent event) {
    String typed = event.getFocusedOption().getValue();
    List<Feed> subscribed =
        subscriptions.forChannel(event.getChannelIdLong()).stream()
            .map(s -> feeds.find(s.feedId()))
            .flatMap(Optional::stream)
            .toList();
    var choices = new ArrayList<>(Choices.feeds(catalogue, subscribed, typed));
    for (var choice : Choices.sources(catalogue, typed)) {
      if (choices.size() < OptionData.MAX_CHOICES
          && choices.stream().noneMatch(c -> c.getAsString().equals(choice.getAsString()))) {
        choices.add(choice);
      }
    }
    event.replyChoices(choices).queue();
  }
}
