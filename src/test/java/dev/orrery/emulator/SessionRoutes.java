package dev.orrery.emulator;

import java.util.function.Supplier;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Login and discovery: {@code users/@me}, which JDA calls on build, and {@code gateway}, {@code
 * gateway/bot}.
 */
final class SessionRoutes {
  private final World world;
  private final Supplier<String> gatewayUrl;
  private final int recommendedShards;
  private final SessionStartLimit startLimit;

  SessionRoutes(
      World world,
      Supplier<String> gatewayUrl,
      int recommendedShards,
      SessionStartLimit startLimit) {
    this.world = world;
    this.gatewayUrl = gatewayUrl;
    this.recommendedShards = recommendedShards;
    this.startLimit = startLimit;
  }

  void register(RouteTable table, RouteLimit limit) {
    table
        .add("GET", "users/@me", limit, request -> ApiResponse.ok(EntityJson.user(world.bot())))
        .add(
            "GET",
            "gateway",
            limit,
            request -> ApiResponse.ok(DataObject.empty().put("url", gatewayUrl.get())))
        .add("GET", "gateway/bot", limit, request -> ApiResponse.ok(gatewayBot()));
  }

  /**
   * What a sharded bot (DefaultShardManager) asks for before connecting: the recommended shard
   * count and the session start limit as it stands.
   */
  private DataObject gatewayBot() {
    return DataObject.empty()
        .put("url", gatewayUrl.get())
        .put("shards", recommendedShards)
        .put("session_start_limit", startLimit.toJson());
  }
}
