package dev.orrery.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/** The emulated Discord's state: the bot, its guilds and everything in them, webhooks included. */
final class World {
  private final Snowflakes ids;
  private final User bot;
  private final long applicationId;
  private final List<Guild> guilds = new CopyOnWriteArrayList<>();
  private final Map<Long, Channel> channels = new ConcurrentHashMap<>();
  private final Map<Long, Webhook> webhooks = new ConcurrentHashMap<>();

  World(Snowflakes ids, String botName) {
    this.ids = ids;
    this.bot = new User(ids.next(), botName, true);
    // a bot's application id equals its user id for applications created since 2018
    this.applicationId = bot.id();
  }

  User bot() {
    return bot;
  }

  long applicationId() {
    return applicationId;
  }

  List<Guild> guilds() {
    return List.copyOf(guilds);
  }

  Optional<Guild> guild(long id) {
    return guilds.stream().filter(g -> g.id() == id).findFirst();
  }

  Optional<Channel> channel(long id) {
    return Optional.ofNullable(channels.get(id));
  }

  Member botMember(Guild guild) {
    return guild
        .member(bot.id())
        .orElseThrow(() -> new IllegalStateException("the bot is not in " + guild));
  }

  /** A guild owned by a separate user (an owner has every permission), with the bot as a member. */
  Guild createGuild(String name, long everyonePermissions) {
    return createGuild(name, everyonePermissions, ids::next);
  }

  /** As {@link #createGuild(String, long)}, with the guild's id from {@code guildId}. */
  synchronized Guild createGuild(String name, long everyonePermissions, LongSupplier guildId) {
    User owner = new User(ids.next(), name + " owner", false);
    Guild guild = new Guild(guildId.getAsLong(), name, owner.id(), everyonePermissions);
    guild.addMember(new Member(guild, owner));
    guild.addMember(new Member(guild, bot));
    guilds.add(guild);
    return guild;
  }

  synchronized Role createRole(Guild guild, String name, long permissions) {
    Role role = new Role(ids.next(), guild.id(), name, guild.roles().size(), permissions);
    guild.addRole(role);
    return role;
  }

  synchronized Member addMember(Guild guild, String username, List<Role> roles) {
    Member member = new Member(guild, new User(ids.next(), username, false));
    roles.forEach(member::addRole);
    guild.addMember(member);
    return member;
  }

  synchronized Channel createChannel(Guild guild, ChannelType type, String name) {
    if (type.isThread()) {
      throw new IllegalArgumentException("threads are created under a parent channel");
    }
    Channel channel = new Channel(ids.next(), guild, type, name, guild.channels().size(), null, 0);
    guild.addChannel(channel);
    channels.put(channel.id(), channel);
    return channel;
  }

  synchronized Channel createThread(Channel parent, String name, long ownerId) {
    if (parent.type().isThread()) {
      throw new IllegalArgumentException("a thread cannot hold threads: " + parent);
    }
    Channel thread =
        new Channel(
            ids.next(), parent.guild(), ChannelType.PUBLIC_THREAD, name, 0, parent, ownerId);
    parent.guild().addChannel(thread);
    channels.put(thread.id(), thread);
    return thread;
  }

  synchronized Webhook createWebhook(
      Channel channel, String name, String avatarHash, User creator, long applicationId) {
    String token = UUID.randomUUID().toString().replace("-", "") + Long.toHexString(ids.next());
    Webhook webhook =
        new Webhook(ids.next(), token, channel, name, avatarHash, creator, applicationId);
    webhooks.put(webhook.id(), webhook);
    return webhook;
  }

  /** A webhook not deleted. */
  Optional<Webhook> webhook(long id) {
    return Optional.ofNullable(webhooks.get(id)).filter(w -> !w.deleted());
  }

  /** The channel's webhooks not deleted, oldest first. */
  List<Webhook> webhooks(Channel channel) {
    return webhooks.values().stream()
        .filter(w -> !w.deleted() && w.channel().id() == channel.id())
        .sorted(Comparator.comparingLong(Webhook::id))
        .toList();
  }

  List<Webhook> webhooks(Guild guild) {
    return webhooks.values().stream()
        .filter(w -> !w.deleted() && w.channel().guild().id() == guild.id())
        .sorted(Comparator.comparingLong(Webhook::id))
        .toList();
  }

  /**
   * Removes the channel and, as Discord does, the threads inside it; returns everything removed.
   */
  synchronized List<Channel> deleteChannel(Channel channel) {
    List<Channel> removed = new CopyOnWriteArrayList<>();
    for (Channel candidate : channel.guild().channels()) {
      if (candidate.parent().map(p -> p.id() == channel.id()).orElse(false)) {
        removed.add(candidate);
      }
    }
    removed.add(channel);
    for (Channel gone : removed) {
      channel.guild().removeChannel(gone);
      channels.remove(gone.id());
    }
    // a channel's webhooks go with it
    webhooks(channel).forEach(Webhook::markDeleted);
    return List.copyOf(removed);
  }
}
