package dev.orrery.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code subscriptions} table: which channel wants which feed. */
public final class SubscriptionStore {
  /** The columns {@link #map} reads, as {@code s_<column>} of table alias {@code s}. */
  static final String COLUMNS =
      Sql.columns(
          "s",
          "s_",
          "id",
          "guild_id",
          "channel_id",
          "feed_id",
          "mention_role_id",
          "created_by",
          "created_at",
          "paused_reason",
          "filter",
          "template",
          "embed",
          "webhook_name",
          "webhook_avatar",
          "digest_every",
          "digest_at",
          "digest_zone",
          "digest_last_due");

  private final Database db;

  public SubscriptionStore(Database db) {
    this.db = db;
  }

  /**
   * Subscribes a channel to a feed.
   *
   * @return the new subscription, or empty when the channel already has this feed (nothing changed)
   */
  public Optional<Subscription> create(
      long guildId, long channelId, long feedId, Long mentionRoleId, Long createdBy, Instant now) {
    return create(
        guildId, channelId, feedId, mentionRoleId, Subscription.Settings.DEFAULT, createdBy, now);
  }

  /**
   * Subscribes a channel to a feed with its settings, all in one row: a subscription never exists
   * with only some of them.
   *
   * @param settings already checked
   * @return the new subscription, or empty when the channel already has this feed (nothing changed)
   */
  public Optional<Subscription> create(
      long guildId,
      long channelId,
      long feedId,
      Long mentionRoleId,
      Subscription.Settings settings,
      Long createdBy,
      Instant now) {
    Subscription.Appearance appearance = settings.appearance();
    DigestSchedule digest = settings.digest();
    return db.inTransaction(
        "subscribe channel " + channelId + " to feed " + feedId,
        c -> {
          int added =
              Sql.update(
                  c,
                  "INSERT INTO subscriptions (guild_id, channel_id, feed_id, mention_role_id,"
                      + " filter, template, embed, webhook_name, webhook_avatar, digest_every,"
                      + " digest_at, digest_zone, digest_last_due, created_by, created_at) VALUES"
                      + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id,"
                      + " feed_id) DO NOTHING",
                  guildId,
                  channelId,
                  feedId,
                  mentionRoleId,
                  settings.filter(),
                  settings.template(),
                  settings.embed(),
                  appearance == null ? null : appearance.name(),
                  appearance == null ? null : appearance.avatarUrl(),
                  digest == null ? null : digest.every().word(),
                  digest == null ? null : digest.at().toString(),
                  digest == null ? null : digest.zone().getId(),
                  digest == null ? null : digest.lastDue(),
                  createdBy,
                  now);
          if (added == 0) {
            return Optional.<Subscription>empty();
          }
          return Sql.one(
              c,
              "SELECT "
                  + COLUMNS
                  + " FROM subscriptions s WHERE s.channel_id = ? AND s.feed_id = ?",
              SubscriptionStore::map,
              channelId,
              feedId);
        });
  }

  public Optional<Subscription> find(long channelId, long feedId) {
    return db.withConnection(
        "read the subscription of channel " + channelId,
        c ->
            Sql.one(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM subscriptions s WHERE s.channel_id = ? AND s.feed_id = ?",
                SubscriptionStore::map,
                channelId,
                feedId));
  }

  public List<Subscription> forGuild(long guildId) {
    return db.withConnection(
        "list the subscriptions of server " + guildId,
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM subscriptions s WHERE s.guild_id = ? ORDER BY s.channel_id, s.id",
                SubscriptionStore::map,
                guildId));
  }

  /** Every channel's subscriptions (not the console's), by channel. */
  public List<Subscription> all() {
    return db.withConnection(
        "list every subscription",
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM subscriptions s WHERE s.channel_id <> ? ORDER BY s.channel_id, s.id",
                SubscriptionStore::map,
                Subscription.CONSOLE_CHANNEL));
  }

  public List<Subscription> forChannel(long channelId) {
    return db.withConnection(
        "list the subscriptions of channel " + channelId,
        c ->
            Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM subscriptions s WHERE s.channel_id = ? ORDER BY s.id",
                SubscriptionStore::map,
                channelId));
  }

  public List<Subscription> forFeed(long feedId) {
    return db.withConnection(
        "list the subscriptions to feed " + feedId,
        c ->
            Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM subscriptions s WHERE s.feed_id = ? ORDER BY s.id",
                SubscriptionStore::map,
                feedId));
  }

  /** Removes a subscription and, with it, the deliveries still waiting for it. */
  public boolean delete(long id) {
    return db.withConnection(
            "remove subscription " + id,
            c -> Sql.update(c, "DELETE FROM subscriptions WHERE id = ?", id))
        == 1;
  }

  /** Removes every subscription of a channel that no longer exists. */
  public int deleteChannel(long channelId) {
    return db.withConnection(
        "remove the subscriptions of channel " + channelId,
        c -> Sql.update(c, "DELETE FROM subscriptions WHERE channel_id = ?", channelId));
  }

  /** Stops posting to a subscription (the bot lost access); new entries are not queued for it. */
  public boolean pause(long id, String reason) {
    return db.withConnection(
            "pause subscription " + id,
            c ->
                Sql.update(
                    c,
                    "UPDATE subscriptions SET paused_reason = ? WHERE id = ? AND paused_reason IS"
                        + " NULL",
                    reason,
                    id))
        == 1;
  }

  public boolean resume(long id) {
    return db.withConnection(
            "resume subscription " + id,
            c ->
                Sql.update(
                    c,
                    "UPDATE subscriptions SET paused_reason = NULL WHERE id = ? AND paused_reason"
                        + " IS NOT NULL",
                    id))
        == 1;
  }

  /** Sets or clears (null) the filter; entries already discovered keep their fate. */
  public boolean setFilter(long id, String filter) {
    return change(id, "set the filter of", "filter = ?", filter);
  }

  /**
   * Sets the template (null or blank for the default message, stored as null) and whether the embed
   * goes with it.
   */
  public boolean setTemplate(long id, String template, boolean embed) {
    return change(
        id,
        "set the template of",
        "template = ?, embed = ?",
        Subscription.storedTemplate(template),
        embed);
  }

  /** Posts through the channel's webhook with this name and avatar; null posts as the bot. */
  public boolean setAppearance(long id, Subscription.Appearance appearance) {
    return change(
        id,
        "set the appearance of",
        "webhook_name = ?, webhook_avatar = ?",
        appearance == null ? null : appearance.name(),
        appearance == null ? null : appearance.avatarUrl());
  }

  /**
   * Sets the digest schedule (null: one message per entry again). The period in progress starts
   * now: {@code lastDue} is taken from the schedule given, so a new schedule never owes a period.
   */
  public boolean setDigest(long id, DigestSchedule digest) {
    return digest == null
        ? change(
            id,
            "stop the digest of",
            "digest_every = NULL, digest_at = NULL, digest_zone = NULL, digest_last_due = NULL")
        : change(
            id,
            "set the digest of",
            "digest_every = ?, digest_at = ?, digest_zone = ?, digest_last_due = ?",
            digest.every().word(),
            digest.at().toString(),
            digest.zone().getId(),
            digest.lastDue());
  }

  /**
   * Sets filter, template and appearance together, as one form submits them: all or none.
   *
   * @return false when the subscription no longer exists (nothing changed)
   */
  public boolean customize(
      long id, String filter, String template, Subscription.Appearance appearance) {
    return change(
        id,
        "customise",
        "filter = ?, template = ?, webhook_name = ?, webhook_avatar = ?",
        filter,
        Subscription.storedTemplate(template),
        appearance == null ? null : appearance.name(),
        appearance == null ? null : appearance.avatarUrl());
  }

  public Optional<Subscription> find(long id) {
    return db.withConnection(
        "read subscription " + id,
        c ->
            Sql.one(
                c,
                "SELECT " + COLUMNS + " FROM subscriptions s WHERE s.id = ?",
                SubscriptionStore::map,
                id));
  }

  /** Subscriptions with a digest, for scheduling them. */
  public List<Subscription> withDigest() {
    return db.withConnection(
        "list the subscriptions with a digest",
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM subscriptions s WHERE s.digest_every IS NOT NULL ORDER BY s.id",
                SubscriptionStore::map));
  }

  private boolean change(long id, String what, String assignments, Object... values) {
    Object[] params = java.util.Arrays.copyOf(values, values.length + 1);
    params[values.length] = id;
    return db.withConnection(
            what + " subscription " + id,
            c -> Sql.update(c, "UPDATE subscriptions SET " + assignments + " WHERE id = ?", params))
        == 1;
  }

  static Subscription map(ResultSet rs) throws SQLException {
    return new Subscription(
        rs.getLong("s_id"),
        rs.getLong("s_guild_id"),
        rs.getLong("s_channel_id"),
        rs.getLong("s_feed_id"),
        Sql.nullableLong(rs, "s_mention_role_id"),
        Sql.nullableLong(rs, "s_created_by"),
        Sql.instant(rs, "s_created_at"),
        rs.getString("s_paused_reason"),
        rs.getString("s_filter"),
        rs.getString("s_template"),
        rs.getBoolean("s_embed"),
        appearance(rs.getString("s_webhook_name"), rs.getString("s_webhook_avatar")),
        digest(rs));
  }

  private static Subscription.Appearance appearance(String name, String avatar) {
    return name == null && avatar == null ? null : new Subscription.Appearance(name, avatar);
  }

  private static DigestSchedule digest(ResultSet rs) throws SQLException {
    String every = rs.getString("s_digest_every");
    if (every == null) {
      return null;
    }
    return new DigestSchedule(
        DigestSchedule.Every.valueOf(every.toUpperCase(java.util.Locale.ROOT)),
        java.time.LocalTime.parse(rs.getString("s_digest_at")),
        java.time.ZoneId.of(rs.getString("s_digest_zone")),
        Sql.instant(rs, "s_digest_last_due"));
  }
}
