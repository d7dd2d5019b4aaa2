package dev.orrery.discord;

import dev.orrery.config.Config;
import dev.orrery.feed.Readable;
import dev.orrery.markdown.DiscordMarkdown;
import dev.orrery.poll.Catalogue;
import dev.orrery.store.Entry;
import dev.orrery.store.Feed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Turns a digest into as few messages as Discord's limits allow: embeds headed by the source's name
 * and the number of posts, then one line per entry, its title linked, oldest first. Embeds hold
 * three times what a message's text can (4096 characters each, 6000 a message).
 */
final class DigestRenderer {
  /** A title longer than this is cut, so one line never crowds out the others. */
  static final int TITLE_MAX = 256;

  private static final String CONTINUED = " (continued)";

  private final Catalogue catalogue;

  DigestRenderer(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /**
   * One message of a digest.
   *
   * @param entryIds the entries it lists
   * @param title what names it where a post needs a title (a forum post), unique in the digest
   */
  record Part(MessageCreateData message, List<Long> entryIds, String title) {}

  /**
   * The digest's messages, in order. Allowed mentions are set explicitly: only the subscription's
   * role may be mentioned, once, in the first message.
   */
  List<Part> render(Feed feed, List<Entry> entries, Long mentionRoleId, Instant dueAt) {
    String count = ": " + Readable.count(entries.size(), "new post", "new posts");
    // a feed without a title is named by its URL, which may be long: the heading must fit
    String name =
        EntryRenderer.cut(
            catalogue.displayName(feed),
            MessageEmbed.TITLE_MAX_LENGTH - count.length() - CONTINUED.length());
    String heading = name + count;
    // every message's heading is counted at its longest, so the packing holds for all of them
    int headingLength = heading.length() + CONTINUED.length();
    List<List<List<Line>>> messages = pack(lines(entries), headingLength);
    Integer configured = catalogue.forFeed(feed).map(Config.Source::color).orElse(null);
    int color = configured != null ? configured : EntryRenderer.DEFAULT_COLOR;
    String site = EntryRenderer.linkable(feed.siteUrl());
    List<Part> parts = new ArrayList<>();
    for (int m = 0; m < messages.size(); m++) {
      String title = m == 0 ? heading : heading + CONTINUED;
      List<MessageEmbed> embeds = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      for (List<Line> description : messages.get(m)) {
        EmbedBuilder embed = new EmbedBuilder().setColor(color);
        if (embeds.isEmpty()) {
          embed.setTitle(title, site).setTimestamp(dueAt);
        }
        StringBuilder text = new StringBuilder();
        for (Line line : description) {
          text.append(text.length() == 0 ? "" : "\n").append(line.text());
          ids.add(line.entryId());
        }
        embeds.add(embed.setDescription(text).build());
      }
      MessageCreateBuilder message = EntryRenderer.quiet(new MessageCreateBuilder());
      message.setEmbeds(embeds);
      if (m == 0 && mentionRoleId != null) {
        String role = Long.toUnsignedString(mentionRoleId);
        message.setContent("<@&" + role + ">");
        message.setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
        message.mentionRoles(role);
      }
      String partTitle =
          messages.size() == 1 ? heading : heading + " (" + (m + 1) + "/" + messages.size() + ")";
      parts.add(new Part(message.build(), List.copyOf(ids), partTitle));
    }
    return parts;
  }

  private record Line(long entryId, String text) {}

  private static List<Line> lines(List<Entry> entries) {
    List<Line> lines = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      String title = entry.title().strip().replaceAll("\\s+", " ");
      title =
          title.isEmpty()
              ? "(untitled)"
              : DiscordMarkdown.escape(EntryRenderer.cut(title, TITLE_MAX));
      lines.add(new Line(entry.id(), linked(title, entry.url())));
    }
    return lines;
  }

  /** {@code [title](<link>)}: the brackets keep Discord from previewing every link. */
  private static String linked(String title, String url) {
    String link = EntryRenderer.linkable(url);
    // an angle bracket in the link would end it early
    if (link == null || link.indexOf('<') >= 0 || link.indexOf('>') >= 0) {
      return title;
    }
    return "[" + title + "](<" + link + ">)";
  }

  /**
   * Fills messages in order, each embed's description up to 4096 characters and each message up to
   * 10 embeds and 6000 characters with its heading: a message ends only when the next line cannot
   * fit in it, so no fewer messages could hold the lines in their order.
   */
  private static List<List<List<Line>>> pack(List<Line> lines, int headingLength) {
    List<List<List<Line>>> messages = new ArrayList<>();
    List<List<Line>> message = null;
    List<Line> embed = null;
    int messageLength = 0;
    int embedLength = 0;
    for (Line line : lines) {
      int length = line.text().length();
      boolean fitsEmbed =
          embed != null
              && embedLength + 1 + length <= MessageEmbed.DESCRIPTION_MAX_LENGTH
              && messageLength + 1 + length <= MessageEmbed.EMBED_MAX_LENGTH_BOT;
      if (fitsEmbed) {
        embed.add(line);
        embedLength += 1 + length;
        messageLength += 1 + length;
        continue;
      }
      boolean fitsMessage =
          message != null
              && message.size() < Message.MAX_EMBED_COUNT
              && messageLength + length <= MessageEmbed.EMBED_MAX_LENGTH_BOT;
      if (!fitsMessage) {
        message = new ArrayList<>();
        messages.add(message);
        messageLength = headingLength;
      }
      embed = new ArrayList<>();
      message.add(embed);
      embed.add(line);
      embedLength = length;
      messageLength += length;
    }
    return messages;
  }
}
