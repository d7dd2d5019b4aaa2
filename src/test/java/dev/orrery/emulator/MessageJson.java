package dev.orrery.emulator;

import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Renders a stored message the way Discord returns it, with the fields JDA needs to build a
 * Message.
 */
final class MessageJson {
  private MessageJson() {}

  static DataObject render(PostedMessage message, User author, long applicationId) {
    DataArray embeds = DataArray.empty();
    for (PostedEmbed embed : message.embeds()) {
      DataObject json = DataObject.fromJson(embed.raw().toString());
      // Discord marks bot-made embeds "rich"; JDA refuses an embed without a type
      if (json.isNull("type")) {
        json.put("type", "rich");
      }
      embeds.add(json);
    }
    DataArray mentionRoles = DataArray.empty();
    message.pings().roleIds().forEach(id -> mentionRoles.add(Long.toUnsignedString(id)));
    DataObject json =
        DataObject.empty()
            .put("id", Long.toUnsignedString(message.id()))
            .put("type", 0)
            .put("channel_id", Long.toUnsignedString(message.channelId()))
            .put("guild_id", Long.toUnsignedString(message.guildId()))
            .put("author", EntityJson.user(author))
            .put("content", message.content())
            .put("embeds", embeds)
            .put("components", message.components())
            .put("attachments", DataArray.empty())
            .put("mentions", DataArray.empty())
            .put("mention_roles", mentionRoles)
            .put("mention_everyone", message.pings().everyone())
            .put("pinned", false)
            .put("tts", false)
            .put("flags", message.flags())
            .put("timestamp", EntityJson.timestamp(message.arrivedAt()))
            .put(
                "edited_timestamp",
                message.editedAt() == null ? null : EntityJson.timestamp(message.editedAt()));
    if (message.nonce() != null) {
      json.put("nonce", message.nonce());
    }
    if (message.source() == MessageSource.INTERACTION_REPLY
        || message.source() == MessageSource.FOLLOW_UP) {
      // interaction responses are sent through the application's webhook
      json.put("webhook_id", Long.toUnsignedString(applicationId))
          .put("application_id", Long.toUnsignedString(applicationId));
    }
    return json;
  }
}
