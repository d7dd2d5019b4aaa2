package dev.orrery.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * A loopback Discord that the real JDA logs into: REST and gateway on 127.0.0.1, a model of guilds,
 * channels, roles, members and overwrites, Discord's permission checks and limits, and the
 * scripting a test needs (interactions, awaiting messages, dropped connections, injected failures).
 *
 * <pre>{@code
 * try (DiscordEmulator discord = DiscordEmulator.start()) {
 *     Guild guild = discord.createGuild("Planet");
 *     Channel news = discord.createTextChannel(guild, "news");
 *     JDA jda = discord.configure(JDABuilder.createLight(discord.token(), List.of())).build().awaitReady();
 *     ...
 * }
 * }</pre>
 */
public final class DiscordEmulator implements AutoCloseable {
  /**
   * The token {@link #token()} offers when no expected token was configured (then any token logs
   * in).
   */
  public static final String DEFAULT_TOKEN = "test-token";

  private final EmulatorBuilder.Settings settings;
  private final Snowflakes ids;
  private final World world;
  private final MessageStore messages;
  private final TrafficStats stats = new TrafficStats();
  private final FaultInjector faults = new FaultInjector();
  private final AwaitableLog<RecordedRequest> requests = new AwaitableLog<>();
  private final AwaitableLog<String> logins = new AwaitableLog<>();
  private final CommandRegistry commands;
  private final InteractionScripts scripts;
  private final Webhooks webhooks;
  private final MessageFactory messageFactory;
  private final AttachmentHost attachments;
  private final SessionStartLimit startLimit;
  private final GatewayServer gateway;
  private final RestServer rest;

  DiscordEmulator(EmulatorBuilder.Settings settings) {
    this.settings = settings;
    this.ids = new Snowflakes(settings.clock);
    this.world = new World(ids, settings.botName);
    this.messages = new MessageStore(settings.nonceWindow);
    this.commands = new CommandRegistry(ids, world.applicationId());
    this.attachments = new AttachmentHost(ids);
    this.messageFactory = new MessageFactory(world, attachments);
    this.startLimit =
        new SessionStartLimit(
            settings.clock,
            settings.sessionStartTotal,
            settings.maxConcurrency,
            Duration.ofDays(1));
    this.gateway =
        new GatewayServer(
            world,
            settings.expectedToken,
            settings.heartbeatInterval,
            logins,
            startLimit,
            settings.maxGuildsPerShard);
    InteractionRoutes interactionRoutes =
        new InteractionRoutes(
            world, ids, messages, messageFactory, settings.interactionAckDeadline);
    this.scripts =
        new InteractionScripts(
            world,
            ids,
            messages,
            commands,
            interactionRoutes,
            new InteractionPayloads(world, attachments),
            messageFactory,
            gateway::dispatch);

    RouteTable routes = new RouteTable();
    new SessionRoutes(world, gateway::url, settings.shards, startLimit)
        .register(routes, settings.defaultRouteLimit);
    new ChannelRoutes(
            world,
            ids,
            messages,
            messageFactory,
            stats,
            gateway::dispatch,
            settings.messageContentIntent)
        .register(routes, settings.channelMessageLimit, settings.defaultRouteLimit);
    new CommandRoutes(world, commands).register(routes, settings.defaultRouteLimit);
    interactionRoutes.register(routes, settings.defaultRouteLimit);
    new WebhookRoutes(world, messageFactory).register(routes, settings.defaultRouteLimit);
    new WebhookExecuteRoutes(world, ids, messages, messageFactory, gateway::dispatch)
        .register(routes, settings.defaultRouteLimit, interactionRoutes);
    this.webhooks = new Webhooks(world, messages, faults);
    RateLimiter limiter = new RateLimiter(settings.clock, settings.globalLimitPerSecond);
    this.rest =
        new RestServer(
            routes,
            limiter,
            faults,
            stats,
            requests,
            settings.clock,
            settings.expectedToken,
            attachments);
  }

  /** An emulator with Discord's defaults, started. */
  public static DiscordEmulator start() {
    return builder().start();
  }

  public static EmulatorBuilder builder() {
    return new EmulatorBuilder();
  }

  DiscordEmulator startServers() {
    try {
      rest.start();
      gateway.startAndWait();
      return this;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("could not start the Discord emulator", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting the Discord emulator", e);
    }
  }

  // --- pointing JDA here ---

  /** JDA's REST base URL, e.g. {@code http://127.0.0.1:PORT/api/v10/}. */
  public String restBaseUrl() {
    return "http://127.0.0.1:" + rest.port() + RestServer.API_PREFIX;
  }

  /** The gateway URL, e.g. {@code ws://127.0.0.1:PORT/}. */
  public String gatewayUrl() {
    return gateway.url();
  }

  /** The token to log in with. */
  public String token() {
    return settings.expectedToken == null ? DEFAULT_TOKEN : settings.expectedToken;
  }

  /** Points a JDABuilder at this emulator: REST base URL, gateway, and uncompressed JSON frames. */
  public JDABuilder configure(JDABuilder builder) {
    return builder
        .setRestConfig(new RestConfig().setBaseUrl(restBaseUrl()))
        .setSessionController(new EmulatorSessionController(gatewayUrl()))
        .setCompression(Compression.NONE);
  }

  /** Points a shard manager builder here, as {@link #configure(JDABuilder)} does a JDABuilder. */
  public DefaultShardManagerBuilder configure(DefaultShardManagerBuilder builder) {
    return builder
        .setRestConfig(new RestConfig().setBaseUrl(restBaseUrl()))
        .setSessionController(new EmulatorSessionController(gatewayUrl()))
        .setCompression(Compression.NONE);
  }

  // --- the world ---

  public User bot() {
    return world.bot();
  }

  public long applicationId() {
    return world.applicationId();
  }

  public List<Guild> guilds() {
    return world.guilds();
  }

  /**
   * A new guild whose @everyone has Discord's default permissions; a connected bot gets
   * GUILD_CREATE.
   */
  public Guild createGuild(String name) {
    return createGuild(name, Permissions.DEFAULT_EVERYONE);
  }

  public Guild createGuild(String name, long everyonePermissions) {
    Guild guild = world.createGuild(name, everyonePermissions, ids::next);
    gateway.dispatch("GUILD_CREATE", EntityJson.guildCreate(guild));
    return guild;
  }

  /**
   * A new guild whose id puts it on shard {@code shardId} of {@code shardTotal} ({@code (id >> 22)
   * % total}), with Discord's default @everyone permissions.
   */
  public Guild createGuildOnShard(String name, int shardId, int shardTotal) {
    if (shardId < 0 || shardId >= shardTotal) {
      throw new IllegalArgumentException("no shard " + shardId + " of " + shardTotal);
    }
    Guild guild =
        world.createGuild(
            name, Permissions.DEFAULT_EVERYONE, () -> ids.nextOnShard(shardId, shardTotal));
    gateway.dispatch("GUILD_CREATE", EntityJson.guildCreate(guild));
    return guild;
  }

  /** The shard of {@code shardTotal} that gets the guild's events, by Discord's rule. */
  public static int shardOf(Guild guild, int shardTotal) {
    return GatewaySession.shardOf(guild.id(), shardTotal);
  }

  public Member botMember(Guild guild) {
    return world.botMember(guild);
  }

  public Role createRole(Guild guild, String name, long permissions) {
    Role role = world.createRole(guild, name, permissions);
    gateway.dispatch(
        "GUILD_ROLE_CREATE",
        DataObject.empty()
            .put("guild_id", Long.toUnsignedString(guild.id()))
            .put("role", EntityJson.role(role)));
    return role;
  }

  /**
   * A new (human) member; not dispatched, as GUILD_MEMBER_ADD needs the privileged members intent.
   */
  public Member addMember(Guild guild, String username, Role... roles) {
    return world.addMember(guild, username, Arrays.asList(roles));
  }

  /**
   * Gives a member a role; for the bot itself Discord always tells the bot (GUILD_MEMBER_UPDATE).
   */
  public void assignRole(Member member, Role role) {
    synchronized (world) {
      member.addRole(role);
    }
    dispatchMemberUpdate(member);
  }

  public void removeRole(Member member, Role role) {
    synchronized (world) {
      member.removeRole(role);
    }
    dispatchMemberUpdate(member);
  }

  private void dispatchMemberUpdate(Member member) {
    if (member.id() == world.bot().id()) {
      gateway.dispatch(
          "GUILD_MEMBER_UPDATE",
          EntityJson.member(member).put("guild_id", Long.toUnsignedString(member.guild().id())));
    }
  }

  public Channel createTextChannel(Guild guild, String name) {
    return createChannel(guild, ChannelType.TEXT, name);
  }

  public Channel createAnnouncementChannel(Guild guild, String name) {
    return createChannel(guild, ChannelType.ANNOUNCEMENT, name);
  }

  public Channel createForumChannel(Guild guild, String name) {
    return createChannel(guild, ChannelType.FORUM, name);
  }

  public Channel createChannel(Guild guild, ChannelType type, String name) {
    Channel channel = world.createChannel(guild, type, name);
    gateway.dispatch("CHANNEL_CREATE", EntityJson.channel(channel));
    return channel;
  }

  /** A public thread started by the guild's owner in a text, announcement or forum channel. */
  public Channel createThread(Channel parent, String name) {
    Channel thread = world.createThread(parent, name, parent.guild().ownerId());
    gateway.dispatch("THREAD_CREATE", EntityJson.channel(thread).put("newly_created", true));
    return thread;
  }

  /** Deletes a channel (and its threads); the bot is told, and later requests get 10003. */
  public void deleteChannel(Channel channel) {
    deleteChannel(channel, Notify.BOT);
  }

  public void deleteChannel(Channel channel, Notify notify) {
    for (Channel gone : world.deleteChannel(channel)) {
      if (notify == Notify.BOT) {
        gateway.dispatch(
            gone.type().isThread() ? "THREAD_DELETE" : "CHANNEL_DELETE", EntityJson.channel(gone));
      }
    }
  }

  /** Sets the channel's overwrite for a role or member (allow and deny both zero removes it). */
  public void setOverwrite(
      Channel channel, OverwriteTarget target, long allow, long deny, Notify notify) {
    if (channel.type().isThread()) {
      throw new IllegalArgumentException(
          "threads take their overwrites from " + channel.parent().orElseThrow());
    }
    synchronized (world) {
      channel.putOverwrite(
          new PermissionOverwrite(target.id(), target.overwriteType(), allow, deny));
    }
    if (notify == Notify.BOT) {
      gateway.dispatch("CHANNEL_UPDATE", EntityJson.channel(channel));
    }
  }

  /** Denies permissions to a role or member in a channel, keeping the rest of its overwrite. */
  public void revoke(Channel channel, OverwriteTarget target, long permissions, Notify notify) {
    PermissionOverwrite current = currentOverwrite(channel, target);
    setOverwrite(
        channel, target, current.allow() & ~permissions, current.deny() | permissions, notify);
  }

  public void revoke(Channel channel, OverwriteTarget target, long permissions) {
    revoke(channel, target, permissions, Notify.BOT);
  }

  /** Allows permissions to a role or member in a channel, keeping the rest of its overwrite. */
  public void grant(Channel channel, OverwriteTarget target, long permissions, Notify notify) {
    PermissionOverwrite current = currentOverwrite(channel, target);
    setOverwrite(
        channel, target, current.allow() | permissions, current.deny() & ~permissions, notify);
  }

  public void grant(Channel channel, OverwriteTarget target, long permissions) {
    grant(channel, target, permissions, Notify.BOT);
  }

  private static PermissionOverwrite currentOverwrite(Channel channel, OverwriteTarget target) {
    return channel
        .overwriteFor(target.id())
        .orElse(new PermissionOverwrite(target.id(), target.overwriteType(), 0, 0));
  }

  /** Replaces a role's guild-wide permissions (GUILD_ROLE_UPDATE). */
  public void setPermissions(Role role, long permissions, Notify notify) {
    synchronized (world) {
      role.setPermissions(permissions);
    }
    if (notify == Notify.BOT) {
      gateway.dispatch(
          "GUILD_ROLE_UPDATE",
          DataObject.empty()
              .put("guild_id", Long.toUnsignedString(role.guildId()))
              .put("role", EntityJson.role(role)));
    }
  }

  public void setPermissions(Role role, long permissions) {
    setPermissions(role, permissions, Notify.BOT);
  }

  /** A member's effective permissions in a channel, computed as the server enforces them. */
  public long permissions(Member member, Channel channel) {
    return PermissionCalculator.inChannel(member, channel);
  }

  // --- interactions ---

  /**
   * Sends a slash command as {@code member} typing it in {@code channel}; the command must have
   * been registered (globally or in the guild), as Discord only sends registered commands.
   */
  public Interaction interact(
      Member member, Channel channel, String command, CommandOption... options) {
    return scripts.command(Interaction.TYPE_COMMAND, member, channel, command, options);
  }

  /**
   * Sends an autocomplete interaction; mark the option being typed with {@link
   * CommandOption#focused}.
   */
  public Interaction autocomplete(
      Member member, Channel channel, String command, CommandOption... options) {
    return scripts.command(Interaction.TYPE_AUTOCOMPLETE, member, channel, command, options);
  }

  /** Clicks a button with {@code customId} on a message the bot posted. */
  public Interaction clickButton(Member member, PostedMessage message, String customId) {
    return scripts.clickButton(member, message, customId);
  }

  /**
   * Submits the modal the bot showed for {@code shownOn} as the user who saw it, with these text
   * input values by custom id (fields left out keep their pre-filled value or stay empty). Values
   * the modal would not accept (too long, too short, a required one missing) fail here: the user
   * could not have sent them.
   */
  public Interaction submitModal(Interaction shownOn, Map<String, String> values) {
    return scripts.submitModal(shownOn, values);
  }

  /** A file the emulator stores (a message's or a slash command's), by attachment id. */
  public Optional<Attachment> attachment(long id) {
    return attachments.byId(id);
  }

  public List<RegisteredCommand> globalCommands() {
    return commands.global();
  }

  public List<RegisteredCommand> guildCommands(Guild guild) {
    return commands.commands(guild.id());
  }

  // --- messages and requests ---

  /**
   * Waits until at least {@code count} messages were posted in the channel (for a forum: posts in
   * it) by the bot through the channel API or by a webhook, and returns them all in arrival order.
   * Interaction replies are not counted: read them from the {@link Interaction}.
   */
  public List<PostedMessage> awaitMessages(Channel channel, int count, Duration timeout) {
    return messages.await(postedIn(channel), count, timeout, "messages in " + channel);
  }

  /** The messages posted in the channel so far, as {@link #awaitMessages} counts them. */
  public List<PostedMessage> messages(Channel channel) {
    return messages.matching(postedIn(channel));
  }

  /** Every message the bot created, interaction replies and webhook messages included. */
  public List<PostedMessage> messages() {
    return messages.all();
  }

  private Predicate<PostedMessage> postedIn(Channel channel) {
    return m ->
        (m.source() == MessageSource.CHANNEL
                || m.source() == MessageSource.FORUM_POST
                || m.source() == MessageSource.WEBHOOK)
            && !messages.isDeleted(m.id())
            && (m.channelId() == channel.id()
                || (channel.type() == ChannelType.FORUM
                    // a post's starter message has the thread's id
                    && m.id() == m.channelId()
                    && parentOf(m.channelId()) == channel.id()));
  }

  private long parentOf(long channelId) {
    return world.channel(channelId).flatMap(Channel::parent).map(Channel::id).orElse(0L);
  }

  /** Incoming webhooks: inspect, create or delete them as a user, script their failures. */
  public Webhooks webhooks() {
    return webhooks;
  }

  /** Every REST request so far, in arrival order. */
  public List<RecordedRequest> requests() {
    return requests.snapshot();
  }

  /** The requests matching e.g. {@code "POST channels/*\/messages"}. */
  public List<RecordedRequest> requests(String pattern) {
    RequestPattern matcher = RequestPattern.of(pattern);
    return requests.matching(r -> matcher.matches(r.method(), r.path()));
  }

  public List<RecordedRequest> awaitRequests(String pattern, int count, Duration timeout) {
    RequestPattern matcher = RequestPattern.of(pattern);
    return requests.await(
        r -> matcher.matches(r.method(), r.path()), count, timeout, "requests " + pattern);
  }

  public TrafficStats stats() {
    return stats;
  }

  // --- failures ---

  /**
   * The next {@code count} requests (any route) answer {@code status}, e.g. 502, instead of
   * running.
   */
  public void failNextRequests(int count, int status) {
    failNextRequests(count, status, RequestPattern.any());
  }

  public void failNextRequests(int count, int status, String pattern) {
    failNextRequests(count, status, RequestPattern.of(pattern));
  }

  private void failNextRequests(int count, int status, RequestPattern pattern) {
    if (status < 400 || status == 429) {
      throw new IllegalArgumentException(
          "use rateLimitNextRequests for 429; failures are 4xx or 5xx: " + status);
    }
    faults.add(new FaultInjector.Fault(pattern, status, null, Duration.ZERO), count);
  }

  /**
   * The next {@code count} matching requests wait {@code delay} before they run: a slow Discord.
   */
  public void stallNextRequests(int count, Duration delay, String pattern) {
    faults.add(FaultInjector.Fault.stall(RequestPattern.of(pattern), delay), count);
  }

  /**
   * The next {@code count} matching requests take effect, then answer {@code status} instead of
   * their result, as if the answer was lost: a message is stored though the bot saw a failure.
   */
  public void loseNextAnswers(int count, int status, String pattern) {
    if (status < 400 || status == 429) {
      throw new IllegalArgumentException("failures are 4xx or 5xx other than 429: " + status);
    }
    faults.add(
        new FaultInjector.Fault(RequestPattern.of(pattern), status, null, Duration.ZERO, true),
        count);
  }

  /**
   * The next {@code count} matching requests answer 429 with the scope's headers and this
   * Retry-After.
   */
  public void rateLimitNextRequests(
      int count, RateLimitScope scope, Duration retryAfter, String pattern) {
    faults.add(new FaultInjector.Fault(RequestPattern.of(pattern), 429, scope, retryAfter), count);
  }

  public void rateLimitNextRequests(int count, RateLimitScope scope, Duration retryAfter) {
    faults.add(new FaultInjector.Fault(RequestPattern.any(), 429, scope, retryAfter), count);
  }

  // --- the gateway ---

  /** Cuts the gateway connections without a close frame; JDA reconnects and RESUMEs. */
  public void dropGateway() {
    gateway.dropConnections();
  }

  /** Closes the gateway connections with a close code (4004 and 4010-4014 are fatal for JDA). */
  public void closeGateway(int code, String reason) {
    gateway.closeConnections(code, reason);
  }

  /**
   * Turns every new gateway connection away at the WebSocket handshake (an HTTP error instead of
   * the upgrade) until {@link #acceptGatewayConnections()}; connections already open stay open.
   */
  public void refuseGatewayConnections() {
    gateway.refuseConnections(true);
  }

  /** Accepts gateway connections again after {@link #refuseGatewayConnections()}. */
  public void acceptGatewayConnections() {
    gateway.refuseConnections(false);
  }

  /** Waits until at least {@code count} gateway connections have been refused in total. */
  public void awaitRefusedGatewayConnections(int count, Duration timeout) {
    logins.await(l -> l.equals("REFUSED"), count, timeout, "refused gateway connections");
  }

  /** Waits until the bot has resumed sessions at least {@code count} times in total. */
  public void awaitResumes(int count, Duration timeout) {
    logins.await(l -> l.startsWith("RESUME"), count, timeout, "gateway resumes");
  }

  /**
   * Waits until the bot has identified (logged in afresh) at least {@code count} times in total.
   */
  public void awaitIdentifies(int count, Duration timeout) {
    logins.await(l -> l.startsWith("IDENTIFY"), count, timeout, "gateway identifies");
  }

  /** Waits until at least {@code count} IDENTIFYs were accepted in total, and returns them all. */
  public List<GatewayIdentify> awaitShardIdentifies(int count, Duration timeout) {
    return gateway.awaitIdentifies(count, timeout);
  }

  /** IDENTIFYs refused because their bucket had identified less than 5 seconds before. */
  public long identifiesTooSoon() {
    return logins.matching(l -> l.startsWith("TOO_SOON")).size();
  }

  /** The IDENTIFYs accepted so far, with their shard. */
  public List<GatewayIdentify> identifies() {
    return gateway.identifies();
  }

  /** The connected session (and so the shard) that gets the guild's events, if one is connected. */
  public Optional<GatewayIdentify> sessionOf(Guild guild) {
    return gateway.sessionOf(guild.id());
  }

  /** IDENTIFYs the bot may still make ({@code session_start_limit.remaining}). */
  public int remainingSessionStarts() {
    return startLimit.remaining();
  }

  @Override
  public void close() {
    rest.stop();
    try {
      gateway.stop(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
