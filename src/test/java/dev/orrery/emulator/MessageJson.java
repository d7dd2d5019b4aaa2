package dev.orrery.emulator;

import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Renders a stored message the way Discord returns it, with the fields JDA needs to build a
 * Message.
 */
final class MessageJson {
  private MessageJson() {}

  /**
   * The message JSON; {@code contentVisible} false empties what the message content intent guards
   * (content, embeds, attachments, components).
   */
  static DataObject render(
      PostedMessage message,
      User bot,
      long applicationId,
      AttachmentHost files,
      boolean contentVisible) {
    DataArray embeds = DataArray.empty();
    DataArray attachments = DataArray.empty();
    if (contentVisible) {
      for (PostedEmbed embed : message.embeds()) {
        DataObject json = DataObject.fromJson(embed.raw().toString());
        // Discord marks bot-made embeds "rich"; JDA refuses an embed without a type
        if (json.isNull("type")) {
          json.put("type", "rich");
        }
        embeds.add(json);
      }
      message.attachments().forEach(a -> attachments.add(files.json(a)));
    }
    DataArray mentionRoles = DataArray.empty();
    message.pings().roleIds().forEach(id -> mentionRoles.add(Long.toUnsignedString(id)));
    DataObject json =
        DataObject.empty()
            .put("id", Long.toUnsignedString(message.id()))
            .put("type", 0)
            .put("channel_id", Long.toUnsignedString(message.channelId()))
            .put("guild_id", Long.toUnsignedString(message.guildId()))
            .put("author", author(message, bot))
            .put("content", contentVisible ? message.content() : "")
            .put("embeds", embeds)
            .put("components", contentVisible ? message.components() : DataArray.empty())
            .put("attachments", attachments)
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
    WebhookAuthor webhook = message.webhook();
    if (webhook != null) {
      json.put("webhook_id", Long.toUnsignedString(webhook.webhookId()));
      if (webhook.applicationId() != 0) {
        json.put("application_id", Long.toUnsignedString(webhook.applicationId()));
      }
    } else if (message.source() == MessageSource.INTERACTION_REPLY
        || message.source() == MessageSource.FOLLOW_UP) {
      // interaction responses are sent through the application's webhook
      json.put("webhook_id", Long.toUnsignedString(applicationId))
          .put("application_id", Long.toUnsignedString(applicationId));
    }
    return json;
  }

  /** The bot for its own messages; for a webhook's, a bot user with the webhook's id. */
  private static DataObject author(PostedMessage message, User bot) {
    WebhookAuthor webhook = message.webhook();
    if (webhook == null) {
      return EntityJson.user(bot);
    }
    return DataObject.empty()
        .put("id", Long.toUnsignedString(webhook.webhookId()))
        .put("username", webhook.username())
        .put("discriminator", "0000")
        .put("global_name", null)
        .put("avatar", webhook.avatarHash())
        .put("bot", true);
  }
}
