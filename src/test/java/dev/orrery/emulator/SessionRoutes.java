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

  SessionRoutes(World world, Supplier<String> gatewayUrl) {
    this.world = world;
    this.gatewayUrl = gatewayUrl;
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

  /** What a sharded bot (DefaultShardManager) asks for before connecting. */
  private DataObject gatewayBot() {
    return DataObject.empty()
        .put("url", gatewayUrl.get())
        .put("shards", 1)
        .put(
            "session_start_limit",
            DataObject.empty()
                .put("total", 1000)
                .put("remaining", 1000)
                .put("reset_after", 0)
                .put("max_concurrency", 1));
  }
}
