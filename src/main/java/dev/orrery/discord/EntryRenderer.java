package dev.orrery.discord;

import dev.orrery.config.Config;
import dev.orrery.feed.Readable;
import dev.orrery.markdown.DiscordMarkdown;
import dev.orrery.poll.Catalogue;
import dev.orrery.store.Entry;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored entries into Discord embeds and messages within Discord's limits, through the
 * subscription's message template when it has one.
 */
final class EntryRenderer {
  static final int DEFAULT_COLOR = 0x3b6ea5;

  /** Footer and summary-line names: title 256 + description 4096 + author 256 + this < 6000. */
  static final int NAME_MAX_LENGTH = 256;

  private static final Pattern HTTP_URL =
      Pattern.compile("https?://[^\\s]{1,2000}", Pattern.CASE_INSENSITIVE);

  /** Distinct template texts kept compiled; a text shared by many subscriptions counts once. */
  static final int TEMPLATES_CACHED = 1_000;

  private static final Logger log = LoggerFactory.getLogger(EntryRenderer.class);

  private final Catalogue catalogue;
  private final TemplateCache templates = new TemplateCache(TEMPLATES_CACHED);

  EntryRenderer(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** One embed: title linked to the entry, summary, author, source, date, image, colour. */
  MessageEmbed embed(Feed feed, Entry entry) {
    EmbedBuilder embed = new EmbedBuilder();
    String title = entry.title().isBlank() ? "(untitled)" : DiscordMarkdown.escape(entry.title());
    embed.setTitle(cut(title, MessageEmbed.TITLE_MAX_LENGTH), linkable(entry.url()));
    if (!entry.summary().isBlank()) {
      embed.setDescription(cut(entry.summary(), MessageEmbed.DESCRIPTION_MAX_LENGTH));
    }
    String author =
        entry.author() != null && !entry.author().isBlank() ? entry.author() : feed.title();
    if (author != null && !author.isBlank()) {
      embed.setAuthor(cut(author, MessageEmbed.AUTHOR_MAX_LENGTH));
    }
    // a source name, kept short so the whole embed stays under Discord's 6000 characters
    embed.setFooter(cut(catalogue.displayName(feed), NAME_MAX_LENGTH));
    embed.setTimestamp(entry.published());
    String image = linkable(entry.imageUrl());
    if (image != null) {
      embed.setImage(image);
    }
    Integer color = catalogue.forFeed(feed).map(Config.Source::color).orElse(null);
    embed.setColor(color != null ? color : DEFAULT_COLOR);
    return embed.build();
  }

  /**
   * The message of one delivery, as its subscription wants it: the template's text (if any) above
   * the embed, or the text alone without the embed, the chosen role mentioned first. A template
   * refused since it was set (by a newer version, say) counts as none: the entry is posted anyway.
   */
  MessageCreateData post(Feed feed, Entry entry, Subscription subscription) {
    String text = Subscription.storedTemplate(subscription.template());
    MessageTemplate template = null;
    if (text != null) {
      try {
        template = templates.get(text);
      } catch (TemplateException e) {
        log.warn(
            "The template of subscription {} is refused ({}); posting without it",
            subscription.id(),
            e.getMessage());
      }
    }
    return message(feed, entry, subscription.mentionRoleId(), template, subscription.embed());
  }

  /**
   * What {@link #post} would send for this entry if the subscription had this template and embed
   * flag: the preview shown before a template is saved.
   *
   * @throws TemplateException when the template would be refused, with the reason for its author
   */
  MessageCreateData preview(
      Feed feed, Entry entry, Subscription subscription, String template, boolean embed)
      throws TemplateException {
    String text = Subscription.storedTemplate(template);
    return message(
        feed,
        entry,
        subscription.mentionRoleId(),
        text == null ? null : templates.get(text),
        embed);
  }

  /**
   * Checks a template as {@link #preview} would, for when there is no entry to preview.
   *
   * @throws TemplateException when the template would be refused, with the reason for its author
   */
  void check(String template) throws TemplateException {
    String text = Subscription.storedTemplate(template);
    if (text != null) {
      templates.get(text);
    }
  }

  /**
   * Allowed mentions are always set explicitly: JDA's default lets users, roles and everyone be
   * pinged, and neither feed text nor a template may ping. Only the chosen role may be mentioned.
   */
  private MessageCreateData message(
      Feed feed, Entry entry, Long mentionRoleId, MessageTemplate template, boolean withEmbed) {
    if (template == null && withEmbed) {
      return defaultMessage(feed, entry, mentionRoleId);
    }
    String role = mentionRoleId == null ? "" : "<@&" + Long.toUnsignedString(mentionRoleId) + ">";
    // the role and a space before the text
    int room = Message.MAX_CONTENT_LENGTH - (role.isEmpty() ? 0 : role.length() + 1);
    String text =
        template == null
            ? ""
            : template.render(TemplateValues.of(entry, catalogue.displayName(feed)), room);
    if (text.isEmpty() && !withEmbed) {
      text = standIn(entry, room);
    }
    MessageCreateBuilder message =
        new MessageCreateBuilder()
            .setContent(role.isEmpty() || text.isEmpty() ? role + text : role + " " + text);
    if (withEmbed) {
      message.setEmbeds(embed(feed, entry));
    }
    quiet(message);
    if (mentionRoleId != null) {
      message.mentionRoles(Long.toUnsignedString(mentionRoleId));
    }
    return message.build();
  }

  /** A message with no embed and a template that rendered nothing: the link, which unfurls. */
  private static String standIn(Entry entry, int room) {
    String link = linkable(entry.url());
    if (link != null && link.length() <= room) {
      return link;
    }
    String title = entry.title() == null || entry.title().isBlank() ? "(untitled)" : entry.title();
    return cut(DiscordMarkdown.escape(title.strip()), room);
  }

  /** The message before templates: the embed alone, under the role's mention if there is one. */
  private MessageCreateData defaultMessage(Feed feed, Entry entry, Long mentionRoleId) {
    MessageCreateBuilder message = new MessageCreateBuilder().setEmbeds(embed(feed, entry));
    quiet(message);
    if (mentionRoleId != null) {
      String role = Long.toUnsignedString(mentionRoleId);
      message.setContent("<@&" + role + ">");
      message.setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
      message.mentionRoles(role);
    }
    return message.build();
  }

  /** "…and 7 more new posts in Planet Python", linking to the site. */
  MessageCreateData burstSummary(Feed feed, int more) {
    String name = DiscordMarkdown.escape(cut(catalogue.displayName(feed), NAME_MAX_LENGTH));
    String site = linkable(feed.siteUrl() != null ? feed.siteUrl() : feed.url());
    // a feed's own URL could close the link early and open one of its own: such a site is not
    // linked
    boolean safe = site != null && site.chars().noneMatch(c -> "<>()[]".indexOf(c) >= 0);
    String where = safe ? "[" + name + "](<" + site + ">)" : name;
    MessageCreateBuilder message =
        new MessageCreateBuilder()
            .setContent(
                "…and " + Readable.count(more, "more new post", "more new posts") + " in " + where);
    return quiet(message).build();
  }

  /** A plain notice (a feed paused, say), pinging nobody. */
  MessageCreateData notice(String text) {
    return quiet(new MessageCreateBuilder().setContent(cut(text, Message.MAX_CONTENT_LENGTH)))
        .build();
  }

  /** Splits embeds into messages of at most 10 embeds and 6000 characters each. */
  static List<List<MessageEmbed>> pack(List<MessageEmbed> embeds) {
    List<List<MessageEmbed>> messages = new ArrayList<>();
    List<MessageEmbed> current = new ArrayList<>();
    int size = 0;
    for (MessageEmbed embed : embeds) {
      int length = embed.getLength();
      if (!current.isEmpty()
          && (current.size() == Message.MAX_EMBED_COUNT
              || size + length > MessageEmbed.EMBED_MAX_LENGTH_BOT)) {
        messages.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(embed);
      size += length;
    }
    if (!current.isEmpty()) {
      messages.add(current);
    }
    return messages;
  }

  static MessageCreateBuilder quiet(MessageCreateBuilder message) {
    return message.setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
  }

  /** The URL when Discord will take it as a link, else null. */
  static String linkable(String url) {
    return url != null
            && url.length() <= MessageEmbed.URL_MAX_LENGTH
            && HTTP_URL.matcher(url).matches()
        ? url
        : null;
  }

  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }
}
