package dev.orrery.emulator;

import java.time.Instant;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataArray;

/**
 * A message the bot created, as the emulator stored it: what was sent (content, embeds, components,
 * flags, nonce, allowed mentions, files), who it really pinged, where, how, and when it arrived;
 * {@link #webhook()} is who it shows as when an incoming webhook sent it (null otherwise). An edit
 * replaces the stored message with a copy carrying {@link #editedAt()}.
 */
public record PostedMessage(
    long id,
    long guildId,
    long channelId,
    MessageSource source,
    long interactionId,
    String content,
    List<PostedEmbed> embeds,
    DataArray components,
    int flags,
    String nonce,
    AllowedMentions allowedMentions,
    Pings pings,
    Instant arrivedAt,
    Instant editedAt,
    List<Attachment> attachments,
    WebhookAuthor webhook) {

  /** Discord's message flag for a reply only the invoking user sees. */
  public static final int EPHEMERAL = 1 << 6;

  /** Discord's message flag of a deferred reply still "thinking". */
  public static final int LOADING = 1 << 7;

  public boolean ephemeral() {
    return (flags & EPHEMERAL) != 0;
  }

  public boolean loading() {
    return (flags & LOADING) != 0;
  }

  /** The first embed; fails when there is none. */
  public PostedEmbed embed() {
    if (embeds.isEmpty()) {
      throw new IllegalStateException("message " + id + " has no embed");
    }
    return embeds.get(0);
  }

  /** The file of that name; fails when there is none. */
  public Attachment attachment(String filename) {
    return attachments.stream()
        .filter(a -> a.filename().equals(filename))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "message " + id + " has no file " + filename + ": " + attachments));
  }

  PostedMessage edited(
      String newContent,
      List<PostedEmbed> newEmbeds,
      DataArray newComponents,
      int newFlags,
      AllowedMentions newAllowed,
      Pings newPings,
      Instant at,
      List<Attachment> newAttachments) {
    return new PostedMessage(
        id,
        guildId,
        channelId,
        source,
        interactionId,
        newContent,
        newEmbeds,
        newComponents,
        newFlags,
        nonce,
        newAllowed,
        newPings,
        arrivedAt,
        at,
        List.copyOf(newAttachments),
        webhook);
  }

  @Override
  public String toString() {
    String text = content.length() > 60 ? content.substring(0, 57) + "..." : content;
    return "Message("
        + id
        + " in "
        + channelId
        + ", "
        + source
        + ", \""
        + text
        + "\", "
        + embeds.size()
        + " embeds"
        + (attachments.isEmpty() ? "" : ", " + attachments.size() + " files")
        + (ephemeral() ? ", ephemeral" : "")
        + ")";
  }
}
