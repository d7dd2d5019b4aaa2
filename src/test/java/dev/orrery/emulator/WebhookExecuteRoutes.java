package dev.orrery.emulator;

import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * The routes a webhook's token authorises, {@code webhooks/{id}/{token}...}: executing it (posting
 * a message, in a thread or as a new forum post) and getting, editing or deleting what it sent,
 * getting or deleting the webhook. The application's own id on these paths is an interaction's
 * webhook, answered by {@link InteractionRoutes}.
 */
final class WebhookExecuteRoutes {
  /** The message flags a webhook may set: SUPPRESS_EMBEDS and SUPPRESS_NOTIFICATIONS. */
  private static final int WEBHOOK_FLAGS = (1 << 2) | (1 << 12);

  private final World world;
  private final Snowflakes ids;
  private final MessageStore messages;
  private final MessageFactory factory;
  private final Dispatcher dispatcher;

  WebhookExecuteRoutes(
      World world,
      Snowflakes ids,
      MessageStore messages,
      MessageFactory factory,
      Dispatcher dispatcher) {
    this.world = world;
    this.ids = ids;
    this.messages = messages;
    this.factory = factory;
    this.dispatcher = dispatcher;
  }

  void register(RouteTable table, RouteLimit limit, InteractionRoutes interactions) {
    String webhook = "webhooks/{webhook_id}/{webhook_token}";
    String message = webhook + "/messages/{message_id}";
    table
        .addInteraction("POST", webhook, limit, split(interactions::followUp, this::execute))
        .addInteraction("GET", webhook, limit, r -> ok(tokenWebhook(r)))
        .addInteraction("DELETE", webhook, limit, this::deleteWebhook)
        .addInteraction("GET", message, limit, split(interactions::getMessage, this::getMessage))
        .addInteraction(
            "PATCH", message, limit, split(interactions::editMessage, this::editMessage))
        .addInteraction(
            "DELETE", message, limit, split(interactions::deleteMessage, this::deleteMessage));
  }

  /** The application's id names an interaction's webhook; any other id an incoming webhook. */
  private Route.Handler split(Route.Handler interaction, Route.Handler incoming) {
    return request ->
        request.id("webhook_id") == world.applicationId()
            ? interaction.handle(request)
            : incoming.handle(request);
  }

  private ApiResponse execute(ApiRequest request) {
    Webhook webhook = tokenWebhook(request);
    DataObject body = request.json();
    String threadName = body.getString("thread_name", null);
    Long threadId = snowflake(request, "thread_id");
    FormErrors errors = new FormErrors();
    String username = body.getString("username", null);
    if (username != null) {
      WebhookChecks.name(errors, "username", username);
    }
    if (threadName != null && (threadName.isBlank() || threadName.length() > 100)) {
      errors.add("thread_name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalidFormBody(errors.toJson());
    }
    Channel channel = webhook.channel();
    if (channel.type() == ChannelType.FORUM) {
      if (threadName == null && threadId == null) {
        throw ApiError.forumWebhookNeedsThread();
      }
      if (threadName != null && threadId != null) {
        throw ApiError.forumWebhookThreadNameAndId();
      }
    } else if (threadName != null) {
      throw ApiError.threadNameOutsideForum();
    }
    Channel target = threadId == null ? channel : threadOf(channel, threadId);
    MessageDraft draft = factory.draftForCreate(body, request.uploads());
    String avatarUrl = body.getString("avatar_url", null);
    WebhookAuthor author =
        new WebhookAuthor(
            webhook.id(),
            username != null ? username : webhook.name(),
            avatarUrl,
            avatarUrl != null ? WebhookChecks.urlHash(avatarUrl) : webhook.avatarHash(),
            webhook.applicationId());
    long id;
    if (threadName != null) {
      // a forum post: the thread and its starter message share the id
      target = world.createThread(channel, threadName, webhook.id());
      id = target.id();
    } else {
      id = ids.next();
    }
    PostedMessage message =
        factory.create(
            id,
            target,
            MessageSource.WEBHOOK,
            0,
            draft,
            draft.flags() & WEBHOOK_FLAGS,
            request.receivedAt(),
            author);
    messages.add(message);
    if (threadName != null) {
      dispatcher.dispatch("THREAD_CREATE", EntityJson.channel(target).put("newly_created", true));
    }
    return "true".equals(request.query().get("wait"))
        ? ApiResponse.ok(factory.json(message))
        : ApiResponse.noContent();
  }

  private ApiResponse deleteWebhook(ApiRequest request) {
    tokenWebhook(request).markDeleted();
    return ApiResponse.noContent();
  }

  private ApiResponse getMessage(ApiRequest request) {
    return ApiResponse.ok(factory.json(sentBy(tokenWebhook(request), request)));
  }

  private ApiResponse editMessage(ApiRequest request) {
    PostedMessage edited =
        factory.edit(
            sentBy(tokenWebhook(request), request),
            request.json(),
            request.uploads(),
            request.receivedAt());
    messages.replace(edited);
    return ApiResponse.ok(factory.json(edited));
  }

  private ApiResponse deleteMessage(ApiRequest request) {
    messages.delete(sentBy(tokenWebhook(request), request).id());
    return ApiResponse.noContent();
  }

  /** The webhook the path names, if its token matches and it was not deleted: else 10015. */
  private Webhook tokenWebhook(ApiRequest request) {
    return world
        .webhook(request.id("webhook_id"))
        .filter(w -> w.token().equals(request.param("webhook_token")))
        .orElseThrow(ApiError::unknownWebhook);
  }

  /**
   * A message this webhook sent, in its channel or, with {@code thread_id}, in that thread: Discord
   * does not find a thread's message without it.
   */
  private PostedMessage sentBy(Webhook webhook, ApiRequest request) {
    Long threadId = snowflake(request, "thread_id");
    long channelId = threadId == null ? webhook.channel().id() : threadId;
    long id = request.id("message_id");
    return messages
        .byId(id)
        .filter(m -> m.webhook() != null && m.webhook().webhookId() == webhook.id())
        .filter(m -> m.channelId() == channelId)
        .orElseThrow(ApiError::unknownMessage);
  }

  /** A thread inside the webhook's channel; anything else is refused. */
  private Channel threadOf(Channel channel, long threadId) {
    Optional<Channel> thread = world.channel(threadId);
    if (thread.isEmpty()
        || !thread.get().type().isThread()
        || thread.get().parent().map(p -> p.id() != channel.id()).orElse(true)) {
      throw ApiError.invalidFormBody(
          FormErrors.single(
              "thread_id",
              "THREAD_NOT_IN_WEBHOOK_CHANNEL",
              "The thread must be a thread of the webhook's channel."));
    }
    return thread.get();
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

  private static ApiResponse ok(Webhook webhook) {
    return ApiResponse.ok(EntityJson.webhook(webhook, false));
  }
}
