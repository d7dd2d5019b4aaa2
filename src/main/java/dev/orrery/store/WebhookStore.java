package dev.orrery.store;

import dev.orrery.config.Secret;
import java.util.Optional;

/** The {@code webhooks} table: the one webhook of the bot's in each channel that needs one. */
public final class WebhookStore {
  private final Database db;

  public WebhookStore(Database db) {
    this.db = db;
  }

  /** The bot's webhook in this channel, if it stored one. */
  public Optional<ChannelWebhook> find(long channelId) {
    return db.withConnection(
        "read the webhook of channel " + channelId,
        c ->
            Sql.one(
                c,
                "SELECT channel_id, webhook_id, token, created_at FROM webhooks WHERE channel_id = ?",
                rs ->
                    new ChannelWebhook(
                        rs.getLong("channel_id"),
                        rs.getLong("webhook_id"),
                        new Secret(rs.getString("token")),
                        Sql.instant(rs, "created_at")),
                channelId));
  }

  /** Stores the channel's webhook, replacing the one it had. */
  public void save(ChannelWebhook webhook) {
    db.withConnection(
        "store the webhook of channel " + webhook.channelId(),
        c ->
            Sql.update(
                c,
                "INSERT INTO webhooks (channel_id, webhook_id, token, created_at) VALUES (?, ?, ?,"
                    + " ?) ON CONFLICT (channel_id) DO UPDATE SET webhook_id = excluded.webhook_id,"
                    + " token = excluded.token, created_at = excluded.created_at",
                webhook.channelId(),
                webhook.webhookId(),
                webhook.token().reveal(),
                webhook.createdAt()));
  }

  /**
   * Forgets the channel's webhook if it is still this one (someone deleted it in Discord): a newer
   * one stored meanwhile stays.
   *
   * @return whether a row was removed
   */
  public boolean forget(long channelId, long webhookId) {
    return db.withConnection(
            "forget the webhook of channel " + channelId,
            c ->
                Sql.update(
                    c,
                    "DELETE FROM webhooks WHERE channel_id = ? AND webhook_id = ?",
                    channelId,
                    webhookId))
        == 1;
  }
}
