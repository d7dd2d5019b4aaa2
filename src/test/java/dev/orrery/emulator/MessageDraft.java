package dev.orrery.emulator;

import java.util.List;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * A message body as the bot sent it (to create or to edit), parsed, with the files uploaded beside
 * it; {@link #has} tells an edit what changes.
 */
record MessageDraft(
    DataObject body,
    String content,
    List<PostedEmbed> embeds,
    DataArray components,
    int flags,
    String nonce,
    boolean enforceNonce,
    AllowedMentions allowedMentions,
    List<Upload> uploads) {

  static MessageDraft parse(DataObject body) {
    return parse(body, List.of());
  }

  static MessageDraft parse(DataObject body, List<Upload> uploads) {
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
        AllowedMentions.from(body),
        uploads);
  }

  /**
   * The {@code attachments} entry describing an upload (its {@code id} is the upload's index), or
   * an empty object.
   */
  DataObject attachmentMeta(Upload upload) {
    return body.optArray("attachments").orElseGet(DataArray::empty).stream(DataArray::getObject)
        .filter(a -> String.valueOf(upload.index()).equals(a.getString("id", "")))
        .findFirst()
        .orElseGet(DataObject::empty);
  }

  /** The ids an edit's {@code attachments} list keeps of the message's existing attachments. */
  List<String> keptAttachmentIds() {
    return body.optArray("attachments").orElseGet(DataArray::empty).stream(DataArray::getObject)
        .map(a -> a.getString("id", ""))
        .toList();
  }

  boolean has(String field) {
    return body.hasKey(field);
  }

  /** Discord refuses a message with nothing to show. */
  boolean isEmpty() {
    return content.isBlank()
        && embeds.isEmpty()
        && components.isEmpty()
        && uploads.isEmpty()
        && body.isNull("sticker_ids")
        && body.isNull("poll");
  }
}
