package dev.orrery.emulator;

import java.util.List;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * {@code channels/...}: posting, editing, reading (one or a page of history) and deleting messages,
 * starting threads and forum posts, with Discord's access and permission checks (10003, 50001,
 * 50013) before anything is stored.
 */
final class ChannelRoutes {
  private final World world;
  private final Snowflakes ids;
  private final MessageStore messages;
  private final MessageFactory factory;
  private final TrafficStats stats;
  private final Dispatcher dispatcher;
  private final boolean messageContentIntent;

  ChannelRoutes(
      World world,
      Snowflakes ids,
      MessageStore messages,
      MessageFactory factory,
      TrafficStats stats,
      Dispatcher dispatcher,
      boolean messageContentIntent) {
    this.world = world;
    this.ids = ids;
    this.messages = messages;
    this.factory = factory;
    this.stats = stats;
    this.dispatcher = dispatcher;
    this.messageContentIntent = messageContentIntent;
  }

  void register(RouteTable table, RouteLimit messageLimit, RouteLimit defaultLimit) {
    table
        .add("GET", "channels/{channel_id}", defaultLimit, this::getChannel)
        .add("POST", "channels/{channel_id}/messages", messageLimit, this::createMessage)
        .add("GET", "channels/{channel_id}/messages", defaultLimit, this::history)
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
    MessageDraft draft = factory.draftForCreate(body, request.uploads());
    requireDraftPermissions(permissions, draft);
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
    return ApiResponse.ok(factory.jsonForBot(messageIn(channel, request), messageContentIntent));
  }

  /** The channel's messages, newest first, around a {@code before}/{@code after} id. */
  private ApiResponse history(ApiRequest request) {
    Channel channel = visibleChannel(request);
    requirePermission(factory.botPermissions(channel), Permissions.READ_MESSAGE_HISTORY);
    int limit = historyLimit(request.query().getOrDefault("limit", "50"));
    List<PostedMessage> page =
        MessageHistory.page(
            messages.visibleIn(channel.id()),
            snowflake(request, "before"),
            snowflake(request, "after"),
            snowflake(request, "around"),
            limit);
    DataArray json = DataArray.empty();
    page.forEach(m -> json.add(factory.jsonForBot(m, messageContentIntent)));
    return ApiResponse.ok(json);
  }

  private static int historyLimit(String raw) {
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= 100) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below like an out-of-range number
    }
    throw ApiError.invalidFormBody(
        FormErrors.single(
            "limit", "NUMBER_TYPE_MAX", "Int should be between 1 and 100 (got " + raw + ")."));
  }

  private static Long snowflake(ApiRequest request, String name) {
    String raw = request.query().get(name);
    if (raw == null) {
      return null;
    }
    try {
      return Long.parseUnsignedLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.invalidFormBody(
          FormErrors.single(name, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake."));
    }
  }

  private ApiResponse editMessage(ApiRequest request) {
    Channel channel = visibleChannel(request);
    PostedMessage edited =
        factory.edit(
            messageIn(channel, request), request.json(), request.uploads(), request.receivedAt());
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
    MessageDraft draft = factory.draftForCreate(body.getObject("message"), request.uploads());
    requireDraftPermissions(permissions, draft);
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

  /** Discord refuses embeds without EMBED_LINKS and files without ATTACH_FILES. */
  private static void requireDraftPermissions(long permissions, MessageDraft draft) {
    if (!draft.embeds().isEmpty()) {
      requirePermission(permissions, Permissions.EMBED_LINKS);
    }
    if (!draft.uploads().isEmpty()) {
      requirePermission(permissions, Permissions.ATTACH_FILES);
    }
  }

  private static void requirePermission(long granted, long required) {
    if (!Permissions.has(granted, required)) {
      throw ApiError.missingPermissions();
    }
  }
}
