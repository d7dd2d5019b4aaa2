package dev.orrery.discord;

import dev.orrery.feed.InvisibleCharacters;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.PollRhythm;
import dev.orrery.store.DigestSchedule;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.TimeFormat;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/** {@code /subscriptions}: the server's subscriptions with the health of each feed, paged. */
final class SubscriptionsCommand implements SlashCommand {
  static final int PAGE_SIZE = 10;
  static final String BUTTON_PREFIX = "subs:";
  private static final int SHAPE_PART_MAX = 80;

  private final SubscriptionStore subscriptions;
  private final FeedStore feeds;
  private final Catalogue catalogue;
  private final PollRhythm rhythm;

  SubscriptionsCommand(
      SubscriptionStore subscriptions, FeedStore feeds, Catalogue catalogue, PollRhythm rhythm) {
    this.subscriptions = subscriptions;
    this.feeds = feeds;
    this.catalogue = catalogue;
    this.rhythm = rhythm;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("subscriptions", "What this server receives, and how each feed is doing")
        .addOptions(
            new OptionData(OptionType.CHANNEL, "channel", "Only this channel")
                .setChannelTypes(Targets.POSTABLE))
        .setContexts(InteractionContextType.GUILD);
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    GuildChannel only = event.getOption("channel", OptionMapping::getAsChannel);
    long channelFilter = only == null ? 0 : only.getIdLong();
    show(event.getHook(), event.getGuild().getIdLong(), channelFilter, 0);
  }

  /** A click on Previous or Next: {@code subs:<page>:<channel or 0>}. */
  void turnPage(ButtonInteractionEvent event) {
    String[] parts = event.getComponentId().substring(BUTTON_PREFIX.length()).split(":");
    int page = Integer.parseInt(parts[0]);
    long channelFilter = Long.parseLong(parts[1]);
    show(event.getHook(), event.getGuild().getIdLong(), channelFilter, page);
  }

  private void show(InteractionHook hook, long guildId, long channelFilter, int page) {
    List<Subscription> all =
        channelFilter == 0
            ? subscriptions.forGuild(guildId)
            : subscriptions.forChannel(channelFilter).stream()
                .filter(s -> s.guildId() == guildId)
                .toList();
    if (all.isEmpty()) {
      Replies.answer(
          hook,
          channelFilter == 0
              ? "This server has no subscriptions yet. Start with /subscribe (see /sources)."
              : "<#" + channelFilter + "> has no subscriptions. Start with /subscribe.");
      return;
    }
    int pages = (all.size() + PAGE_SIZE - 1) / PAGE_SIZE;
    int current = Math.max(0, Math.min(page, pages - 1));
    StringBuilder text = new StringBuilder("**Subscriptions** (" + all.size() + ")");
    if (pages > 1) {
      text.append(" — page ").append(current + 1).append(" of ").append(pages);
    }
    text.append('\n');
    for (Subscription s :
        all.subList(current * PAGE_SIZE, Math.min(all.size(), (current + 1) * PAGE_SIZE))) {
      Optional<Feed> feed = feeds.find(s.feedId());
      feed.ifPresent(f -> text.append(line(s, f)).append('\n'));
      String shape = shape(s);
      if (feed.isPresent() && shape != null) {
        text.append("  ↳ ").append(shape).append('\n');
      }
    }
    MessageEditBuilder message =
        new MessageEditBuilder()
            .setContent(EntryRenderer.cut(text.toString().strip(), Message.MAX_CONTENT_LENGTH))
            .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
    if (pages > 1) {
      message.setComponents(
          ActionRow.of(
              Button.secondary(BUTTON_PREFIX + (current - 1) + ":" + channelFilter, "◀ Previous")
                  .withDisabled(current == 0),
              Button.secondary(BUTTON_PREFIX + (current + 1) + ":" + channelFilter, "Next ▶")
                  .withDisabled(current == pages - 1)));
    } else {
      message.setComponents(List.of());
    }
    hook.editOriginal(message.build()).queue();
  }

  /** One subscription: source, channel, last new post, last check, how often and why, health. */
  String line(Subscription s, Feed f) {
    List<String> parts = new ArrayList<>();
    parts.add("**" + Replies.inert(catalogue.displayName(f)) + "** → <#" + s.channelId() + ">");
    if (f.lastNewAt() != null) {
      parts.add("last new post " + relative(f.lastNewAt()));
    }
    if (f.lastPolledAt() != null) {
      parts.add("checked " + relative(f.lastPolledAt()));
    }
    if (f.paused()) {
      parts.add("⏸ paused: " + Replies.inert(f.pausedReason()));
    } else if (s.pausedReason() != null) {
      parts.add(
          "⏸ not posting: "
              + Replies.inert(s.pausedReason())
              // a reason that already says what to do is not told twice
              + (s.pausedReason().contains("/subscribe again")
                  ? ""
                  : " (fix it, then /subscribe again)"));
    } else if (f.errorCount() > 0) {
      parts.add(
          "⚠️ failing since "
              + relative(f.failingSince())
              + " ("
              + f.errorCount()
              + " tries): "
              + Replies.inert(f.lastError() == null ? "unknown error" : f.lastError()));
    } else if (f.lastError() != null) {
      parts.add("⏳ " + Replies.inert(f.lastError()));
    } else {
      PollRhythm.Pace pace =
          rhythm.atPoll(f.pollInterval(), f.pollIntervalReason(), f.lastNewAt(), f.lastPolledAt());
      if (pace != null) {
        parts.add("polled " + pace.describe());
      }
      parts.add("✅ ok");
    }
    return String.join(" · ", parts);
  }

  /**
   * How the subscription is shaped, when it is: filter, template (first line), the name it posts
   * under, digest. Null for a subscription as /subscribe made it.
   */
  static String shape(Subscription s) {
    List<String> parts = new ArrayList<>();
    if (s.filter() != null) {
      parts.add("filter " + code(s.filter()));
    }
    if (s.template() != null) {
      String first = s.template().strip().lines().findFirst().orElse("");
      boolean more = s.template().strip().contains("\n");
      parts.add(
          "template "
              + code(EntryRenderer.cut(first, SHAPE_PART_MAX) + (more ? " …" : ""))
              + (s.embed() ? "" : " without embed"));
    }
    if (s.appearance() != null) {
      String name = s.appearance().name();
      parts.add(
          "posts as "
              + (name == null ? "the source's title" : "**" + Replies.inert(name) + "**")
              + (s.appearance().avatarUrl() == null ? "" : " with its own avatar"));
    }
    if (s.digest() != null) {
      parts.add(digest(s.digest()));
    }
    return parts.isEmpty() ? null : String.join(" · ", parts);
  }

  /** "weekly digest on Mondays at 09:30 Europe/Paris". */
  static String digest(DigestSchedule d) {
    return d.every().word()
        + " digest"
        + (d.every() == DigestSchedule.Every.WEEKLY ? " on Mondays" : "")
        + " at "
        + d.at()
        + " "
        + d.zone().getId();
  }

  private static String code(String text) {
    return Replies.code(EntryRenderer.cut(InvisibleCharacters.strip(text), SHAPE_PART_MAX));
  }

  private static String relative(Instant when) {
    return when == null ? "never" : TimeFormat.RELATIVE.format(when);
  }
}
