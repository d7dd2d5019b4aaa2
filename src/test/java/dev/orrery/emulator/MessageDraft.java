package dev.orrery.emulator;

import java.util.List;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * A message body as the bot sent it (to create or to edit), parsed; {@link #has} tells an edit what
 * changes.
 */
record MessageDraft(
    DataObject body,
    String content,
    List<PostedEmbed> embeds,
    DataArray components,
    int flags,
    String nonce,
    boolean enforceNonce,
    AllowedMentions allowedMentions) {

  static MessageDraft parse(DataObject body) {
    List<PostedEmbed> embeds =
        body.optArray("embeds").orElseGet(DataArray::empty).stream(DataArray::getObject)
            .map(PostedEmbed::from)
            .toList();
    // a nonce may be an integer or a string; Discord echoes it back as sent
    String nonce = body.isNull("nonce") ? null : String.valueOf(body.get("nonce"));
    return new MessageDraft(
        body,
        body.getString("content", ""),
        embeds,
        body.optArray("components").orElseGet(DataArray::empty),
        body.getInt("flags", 0),
        nonce,
        body.getBoolean("enforce_nonce"),
        AllowedMentions.from(body));
  }

  boolean has(String field) {
    return body.hasKey(field);
  }

  /** Discord refuses a message with nothing to show. */
  boolean isEmpty() {
    return content.isBlank()
        && embeds.isEmpty()
        && components.isEmpty()
        && body.isNull("sticker_ids")
        && body.isNull("poll");
  }
}
