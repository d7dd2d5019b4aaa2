package dev.orrery.emulator;

import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Managing incoming webhooks with the bot token: create and list them in a channel, list a guild's,
 * get and delete one by id; every route needs MANAGE_WEBHOOKS where the webhook lives.
 */
final class WebhookRoutes {
  private final World world;
  private final MessageFactory factory;

  WebhookRoutes(World world, MessageFactory factory) {
    this.world = world;
    this.factory = factory;
  }

  void register(RouteTable table, RouteLimit limit) {
    table
        .add("POST", "channels/{channel_id}/webhooks", limit, this::create)
        .add("GET", "channels/{channel_id}/webhooks", limit, this::listChannel)
        .add("GET", "guilds/{guild_id}/webhooks", limit, this::listGuild)
        .add("GET", "webhooks/{webhook_id}", limit, this::get)
        .add("DELETE", "webhooks/{webhook_id}", limit, this::delete);
  }

  private ApiResponse create(ApiRequest request) {
    DataObject body = request.json();
    Channel channel = managedChannel(request);
    FormErrors errors = new FormErrors();
    WebhookChecks.name(errors, "name", body.getString("name", ""));
    if (!errors.isEmpty()) {
      throw ApiError.invalidFormBody(errors.toJson());
    }
    String avatarHash = WebhookChecks.avatarHash(body.getString("avatar", null));
    synchronized (world) {
      if (world.webhooks(channel).size() >= WebhookChecks.MAX_PER_CHANNEL) {
        throw ApiError.maximumWebhooks();
      }
      Webhook webhook =
          world.createWebhook(
              channel, body.getString("name"), avatarHash, world.bot(), world.applicationId());
      return ApiResponse.ok(EntityJson.webhook(webhook, true));
    }
  }

  private ApiResponse listChannel(ApiRequest request) {
    return ApiResponse.ok(json(world.webhooks(managedChannel(request))));
  }

  private ApiResponse listGuild(ApiRequest request) {
    Guild guild = world.guild(request.id("guild_id")).orElseThrow(ApiError::unknownGuild);
    if (!Permissions.has(
        PermissionCalculator.base(world.botMember(guild)), Permissions.MANAGE_WEBHOOKS)) {
      throw ApiError.missingPermissions();
    }
    return ApiResponse.ok(json(world.webhooks(guild)));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(EntityJson.webhook(managedWebhook(request), true));
  }

  private ApiResponse delete(ApiRequest request) {
    managedWebhook(request).markDeleted();
    return ApiResponse.noContent();
  }

  /** A channel that can hold webhooks, where the bot may manage them. */
  private Channel managedChannel(ApiRequest request) {
    Channel channel = world.channel(request.id("channel_id")).orElseThrow(ApiError::unknownChannel);
    long permissions = factory.botPermissions(channel);
    if (!Permissions.has(permissions, Permissions.VIEW_CHANNEL)) {
      throw ApiError.missingAccess();
    }
    if (channel.type().isThread()) {
      throw ApiError.cannotExecuteOnChannelType();
    }
    if (!Permissions.has(permissions, Permissions.MANAGE_WEBHOOKS)) {
      throw ApiError.missingPermissions();
    }
    return channel;
  }

  private Webhook managedWebhook(ApiRequest request) {
    Webhook webhook = world.webhook(request.id("webhook_id")).orElseThrow(ApiError::unknownWebhook);
    if (!Permissions.has(factory.botPermissions(webhook.channel()), Permissions.MANAGE_WEBHOOKS)) {
      throw ApiError.missingPermissions();
    }
    return webhook;
  }

  private static DataArray json(java.util.List<Webhook> webhooks) {
    DataArray array = DataArray.empty();
    webhooks.forEach(w -> array.add(EntityJson.webhook(w, true)));
    return array;
  }
}
