package dev.orrery.emulator;

import java.time.Instant;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataArray;

/**
 * A message the bot created, as the emulator stored it: what was sent (content, embeds, components,
 * flags, nonce, allowed mentions), who it really pinged, where, how, and when it arrived. An edit
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
    Instant editedAt) {

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

  PostedMessage edited(
      String newContent,
      List<PostedEmbed> newEmbeds,
      DataArray newComponents,
      int newFlags,
      AllowedMentions newAllowed,
      Pings newPings,
      Instant at) {
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
        at);
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
        + (ephemeral() ? ", ephemeral" : "")
        + ")";
  }
}
