package dev.orrery.emulator;

/**
 * {@code applications/{app}/commands} and its guild variant: bulk overwrite (PUT) and list (GET).
 */
final class CommandRoutes {
  private final World world;
  private final CommandRegistry registry;

  CommandRoutes(World world, CommandRegistry registry) {
    this.world = world;
    this.registry = registry;
  }

  void register(RouteTable table, RouteLimit limit) {
    table
        .add(
            "PUT",
            "applications/{application_id}/commands",
            limit,
            request -> {
              ownApplication(request);
              return ApiResponse.ok(
                  CommandRegistry.toJson(registry.overwrite(0, request.jsonArray())));
            })
        .add(
            "GET",
            "applications/{application_id}/commands",
            limit,
            request -> {
              ownApplication(request);
              return ApiResponse.ok(CommandRegistry.toJson(registry.global()));
            })
        .add(
            "PUT",
            "applications/{application_id}/guilds/{guild_id}/commands",
            limit,
            request -> {
              ownApplication(request);
              long guildId = guild(request).id();
              return ApiResponse.ok(
                  CommandRegistry.toJson(registry.overwrite(guildId, request.jsonArray())));
            })
        .add(
            "GET",
            "applications/{application_id}/guilds/{guild_id}/commands",
            limit,
            request -> {
              ownApplication(request);
              return ApiResponse.ok(CommandRegistry.toJson(registry.commands(guild(request).id())));
            });
  }

  private void ownApplication(ApiRequest request) {
    if (request.id("application_id") != world.applicationId()) {
      // Discord answers a foreign application id as if it did not exist
      throw ApiError.notFound();
    }
  }

  private Guild guild(ApiRequest request) {
    return world.guild(request.id("guild_id")).orElseThrow(ApiError::unknownGuild);
  }
}
