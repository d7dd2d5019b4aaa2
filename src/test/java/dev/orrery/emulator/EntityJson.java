package dev.orrery.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/** Renders the model as the JSON objects Discord sends, with the fields JDA 6.5 requires. */
final class EntityJson {
  /** JDA rejects a guild whose afk_timeout is not one of Discord's allowed values. */
  private static final int AFK_TIMEOUT_SECONDS = 300;

  private EntityJson() {}

  static DataObject user(User user) {
    return DataObject.empty()
        .put("id", Long.toUnsignedString(user.id()))
        .put("username", user.username())
        .put("global_name", user.username())
        .put("discriminator", "0")
        .put("avatar", null)
        .put("bot", user.bot());
  }

  static DataObject role(Role role) {
    return DataObject.empty()
        .put("id", Long.toUnsignedString(role.id()))
        .put("name", role.name())
        .put("position", role.position())
        // Discord sends permissions as a string: the bits overflow a JavaScript number
        .put("permissions", Long.toString(role.permissions()))
        .put("managed", false)
        .put("hoist", false)
        .put("mentionable", false)
        .put("color", 0)
        .put("colors", DataObject.empty().put("primary_color", 0))
        .put("flags", 0);
  }

  static DataObject member(Member member) {
    DataArray roles = DataArray.empty();
    member.roles().forEach(r -> roles.add(Long.toUnsignedString(r.id())));
    return DataObject.empty()
        .put("user", user(member.user()))
        .put("roles", roles)
        .put("joined_at", timestamp(Snowflakes.timeOf(member.guild().id())))
        .put("deaf", false)
        .put("mute", false)
        .put("flags", 0);
  }

  /** A channel or thread as in GUILD_CREATE and CHANNEL_* / THREAD_* dispatches. */
  static DataObject channel(Channel channel) {
    DataObject json =
        DataObject.empty()
            .put("id", Long.toUnsignedString(channel.id()))
            .put("type", channel.type().id())
            .put("guild_id", Long.toUnsignedString(channel.guild().id()))
            .put("name", channel.name())
            .put("position", channel.position())
            .put("nsfw", false)
            .put("rate_limit_per_user", 0)
            .put("flags", 0);
    if (channel.type().isThread()) {
      Channel parent = channel.parent().orElseThrow();
      json.put("parent_id", Long.toUnsignedString(parent.id()))
          .put("owner_id", Long.toUnsignedString(channel.ownerId()))
          .put("member_count", 1)
          .put("message_count", 0)
          .put("total_message_count", 0)
          .put(
              "thread_metadata",
              DataObject.empty()
                  .put("archived", false)
                  .put("locked", false)
                  .put("invitable", true)
                  .put("auto_archive_duration", 1440)
                  .put("archive_timestamp", timestamp(channel.createdAt()))
                  .put("create_timestamp", timestamp(channel.createdAt())));
      return json;
    }
    DataArray overwrites = DataArray.empty();
    for (PermissionOverwrite overwrite : channel.overwrites()) {
      overwrites.add(
          DataObject.empty()
              .put("id", Long.toUnsignedString(overwrite.targetId()))
              .put("type", overwrite.type())
              .put("allow", Long.toString(overwrite.allow()))
              .put("deny", Long.toString(overwrite.deny())));
    }
    json.put("permission_overwrites", overwrites).put("topic", null);
    if (channel.type() == ChannelType.FORUM) {
      json.put("available_tags", DataArray.empty())
          .put("default_sort_order", null)
          .put("default_forum_layout", 0)
          .put("default_thread_rate_limit_per_user", 0);
    }
    return json;
  }

  /** The full GUILD_CREATE payload: JDA only loads a guild when all these fields are present. */
  static DataObject guildCreate(Guild guild) {
    DataArray roles = DataArray.empty();
    guild.roles().forEach(r -> roles.add(role(r)));
    DataArray members = DataArray.empty();
    guild.members().forEach(m -> members.add(member(m)));
    DataArray channels = DataArray.empty();
    DataArray threads = DataArray.empty();
    for (Channel channel : guild.channels()) {
      (channel.type().isThread() ? threads : channels).add(channel(channel));
    }
    return DataObject.empty()
        .put("id", Long.toUnsignedString(guild.id()))
        .put("name", guild.name())
        .put("icon", null)
        .put("owner_id", Long.toUnsignedString(guild.ownerId()))
        .put("afk_timeout", AFK_TIMEOUT_SECONDS)
        .put("member_count", guild.members().size())
        .put("large", false)
        .put("unavailable", false)
        .put("joined_at", timestamp(Snowflakes.timeOf(guild.id())))
        .put("preferred_locale", "en-US")
        .put("features", DataArray.empty())
        .put("roles", roles)
        .put("members", members)
        .put("channels", channels)
        .put("threads", threads)
        .put("guild_scheduled_events", DataArray.empty())
        .put("emojis", DataArray.empty())
        .put("stickers", DataArray.empty())
        .put("voice_states", DataArray.empty())
        .put("presences", DataArray.empty())
        .put("stage_instances", DataArray.empty());
  }

  /**
   * A webhook as Discord shows it; {@code withCreator} adds the {@code user} who created it, which
   * Discord leaves out when the webhook's own token asks.
   */
  static DataObject webhook(Webhook webhook, boolean withCreator) {
    DataObject json =
        DataObject.empty()
            .put("id", Long.toUnsignedString(webhook.id()))
            .put("type", 1)
            .put("guild_id", Long.toUnsignedString(webhook.channel().guild().id()))
            .put("channel_id", Long.toUnsignedString(webhook.channel().id()))
            .put("name", webhook.name())
            .put("avatar", webhook.avatarHash())
            .put("token", webhook.token())
            .put(
                "application_id",
                webhook.applicationId() == 0
                    ? null
                    : Long.toUnsignedString(webhook.applicationId()))
            .put("url", webhook.url());
    if (withCreator) {
      json.put("user", user(webhook.creator()));
    }
    return json;
  }

  /** ISO-8601 with millisecond precision, as Discord writes timestamps. */
  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
