package dev.orrery.emulator;

import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * {@code channels/...}: posting, editing, reading and deleting messages, starting threads and forum
 * posts, with Discord's access and permission checks (10003, 50001, 50013) before anything is
 * stored.
 */
final class ChannelRoutes {
  private final World world;
  private final Snowflakes ids;
  private final MessageStore messages;
  private final MessageFactory factory;
  private final TrafficStats stats;
  private final Dispatcher dispatcher;

  ChannelRoutes(
      World world,
      Snowflakes ids,
      MessageStore messages,
      MessageFactory factory,
      TrafficStats stats,
      Dispatcher dispatcher) {
    this.world = world;
    this.ids = ids;
    this.messages = messages;
    this.factory = factory;
    this.stats = stats;
    this.dispatcher = dispatcher;
  }

  void register(RouteTable table, RouteLimit messageLimit, RouteLimit defaultLimit) {
    table
        .add("GET", "channels/{channel_id}", defaultLimit, this::getChannel)
        .add("POST", "channels/{channel_id}/messages", messageLimit, this::createMessage)
        .add("GET", "channels/{channel_id}/messages/{message_id}", defaultLimit, this::getMessage)
        .add(
            "PATCH", "channels/{channel_id}/messages/{message_id}", defaultLimit, this::editMessage)
        .add(
            "DELETE",
            "channels/{channel_id}/messages/{message_id}",
            defaultLimit,
            this::deleteMessage)
        .add("POST", "channels/{channel_id}/threads", messageLimit, this::startThread);
  }

  private ApiResponse getChannel(ApiRequest request) {
    Channel channel = visibleChannel(request);
    return ApiResponse.ok(EntityJson.channel(channel));
  }

  private ApiResponse createMessage(ApiRequest request) {
    DataObject body = request.json();
    Channel channel = visibleChannel(request);
    if (!channel.type().acceptsMessages()) {
      throw ApiError.cannotSendInThisChannel();
    }
    long permissions = factory.botPermissions(channel);
    long send =
        channel.type().isThread()
            ? Permissions.SEND_MESSAGES_IN_THREADS
            : Permissions.SEND_MESSAGES;
    requirePermission(permissions, send);
    MessageDraft draft = factory.draftForCreate(body);
    // Discord refuses embeds from a bot that may not embed links here
    if (!draft.embeds().isEmpty()) {
      requirePermission(permissions, Permissions.EMBED_LINKS);
    }
    MessageStore.Posted posted =
        messages.post(
            channel.id(),
            draft,
            request.receivedAt(),
            () ->
                factory.create(
                    ids.next(),
                    channel,
                    MessageSource.CHANNEL,
                    0,
                    draft,
                    draft.flags(),
                    request.receivedAt()));
    if (posted.repeated()) {
      stats.recordNonceRepeat();
    }
    return ApiResponse.ok(factory.json(posted.message()));
  }

  private ApiResponse getMessage(ApiRequest request) {
    Channel channel = visibleChannel(request);
    requirePermission(factory.botPermissions(channel), Permissions.READ_MESSAGE_HISTORY);
    return ApiResponse.ok(factory.json(messageIn(channel, request)));
  }

  private ApiResponse editMessage(ApiRequest request) {
    Channel channel = visibleChannel(request);
    PostedMessage edited =
        factory.edit(messageIn(channel, request), request.json(), request.receivedAt());
    messages.replace(edited);
    return ApiResponse.ok(factory.json(edited));
  }

  private ApiResponse deleteMessage(ApiRequest request) {
    Channel channel = visibleChannel(request);
    messages.delete(messageIn(channel, request).id());
    return ApiResponse.noContent();
  }

  /** A forum post (thread plus starter message) in a forum, or a bare public thread elsewhere. */
  private ApiResponse startThread(ApiRequest request) {
    DataObject body = request.json();
    Channel parent = visibleChannel(request);
    if (parent.type().isThread()) {
      throw ApiError.cannotSendInThisChannel();
    }
    long permissions = factory.botPermissions(parent);
    String name = body.getString("name", "");
    if (name.isBlank() || name.length() > 100) {
      throw ApiError.invalidFormBody(
          FormErrors.single(
              "name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."));
    }
    if (parent.type() != ChannelType.FORUM) {
      requirePermission(permissions, Permissions.CREATE_PUBLIC_THREADS);
      Channel thread = world.createThread(parent, name, world.bot().id());
      dispatchThreadCreate(thread);
      return ApiResponse.ok(EntityJson.channel(thread));
    }
    // posting in a forum is sending a message there: it needs SEND_MESSAGES, not thread permissions
    requirePermission(permissions, Permissions.SEND_MESSAGES);
    if (body.isNull("message")) {
      throw ApiError.invalidFormBody(
          FormErrors.single("message", "BASE_TYPE_REQUIRED", "This field is required"));
    }
    MessageDraft draft = factory.draftForCreate(body.getObject("message"));
    if (!draft.embeds().isEmpty()) {
      requirePermission(permissions, Permissions.EMBED_LINKS);
    }
    Channel thread = world.createThread(parent, name, world.bot().id());
    // a forum post's starter message has the thread's id
    PostedMessage starter =
        messages
            .post(
                thread.id(),
                draft,
                request.receivedAt(),
                () ->
                    factory.create(
                        thread.id(),
                        thread,
                        MessageSource.FORUM_POST,
                        0,
                        draft,
                        draft.flags(),
                        request.receivedAt()))
            .message();
    dispatchThreadCreate(thread);
    return ApiResponse.ok(EntityJson.channel(thread).put("message", factory.json(starter)));
  }

  private void dispatchThreadCreate(Channel thread) {
    dispatcher.dispatch("THREAD_CREATE", EntityJson.channel(thread).put("newly_created", true));
  }

  private Channel visibleChannel(ApiRequest request) {
    Channel channel = world.channel(request.id("channel_id")).orElseThrow(ApiError::unknownChannel);
    if (!Permissions.has(factory.botPermissions(channel), Permissions.VIEW_CHANNEL)) {
      throw ApiError.missingAccess();
    }
    return channel;
  }

  private PostedMessage messageIn(Channel channel, ApiRequest request) {
    long id = request.id("message_id");
    return messages
        .byId(id)
        .filter(m -> m.channelId() == channel.id())
        .orElseThrow(ApiError::unknownMessage);
  }

  private static void requirePermission(long granted, long required) {
    if (!Permissions.has(granted, required)) {
      throw ApiError.missingPermissions();
    }
  }
}
