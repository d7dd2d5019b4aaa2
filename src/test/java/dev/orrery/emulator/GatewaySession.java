package dev.orrery.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.java_websocket.WebSocket;

/**
 * One bot session on the gateway, on one shard. It outlives its connection: dispatches sent while
 * the bot is disconnected are kept, numbered, and replayed when the bot RESUMEs, as Discord does.
 */
final class GatewaySession {
  /** Discord keeps a limited backlog; a bot away longer must IDENTIFY again. */
  private static final int BACKLOG = 10_000;

  private final String id;
  private final long intents;
  private final int shardId;
  private final int shardTotal;
  private final Deque<DataObject> backlog = new ArrayDeque<>();
  private long sequence;
  private WebSocket connection;

  GatewaySession(String id, long intents, WebSocket connection) {
    this(id, intents, 0, 1, connection);
  }

  GatewaySession(String id, long intents, int shardId, int shardTotal, WebSocket connection) {
    this.id = id;
    this.intents = intents;
    this.shardId = shardId;
    this.shardTotal = shardTotal;
    this.connection = connection;
  }

  /** Discord's rule: a guild's events go to shard {@code (guild_id >> 22) % num_shards}. */
  static int shardOf(long guildId, int shardTotal) {
    return (int) Long.remainderUnsigned(guildId >>> 22, shardTotal);
  }

  int shardId() {
    return shardId;
  }

  int shardTotal() {
    return shardTotal;
  }

  /** Whether this session gets the events of that guild; events of no guild (DMs) go to shard 0. */
  boolean receives(Long guildId) {
    return guildId == null ? shardId == 0 : shardOf(guildId, shardTotal) == shardId;
  }

  /** Connected now (not waiting to resume). */
  synchronized boolean connected() {
    return connection != null && connection.isOpen();
  }

  String id() {
    return id;
  }

  long intents() {
    return intents;
  }

  /** Numbers the event, keeps it for a resume, and sends it if connected. */
  synchronized void dispatch(String type, DataObject data) {
    DataObject payload =
        DataObject.empty().put("op", 0).put("s", ++sequence).put("t", type).put("d", data);
    backlog.addLast(payload);
    if (backlog.size() > BACKLOG) {
      backlog.removeFirst();
    }
    send(payload);
  }

  /**
   * Takes over a new connection and replays what the bot missed after {@code lastSeen}, then
   * RESUMED.
   */
  synchronized boolean resume(WebSocket newConnection, long lastSeen) {
    if (!backlog.isEmpty() && backlog.peekFirst().getLong("s") > lastSeen + 1) {
      return false; // the events the bot missed are no longer kept
    }
    if (connection != null && connection != newConnection && connection.isOpen()) {
      connection.close(4000, "session resumed elsewhere");
    }
    connection = newConnection;
    for (DataObject payload : backlog) {
      if (payload.getLong("s") > lastSeen) {
        send(payload);
      }
    }
    dispatch("RESUMED", DataObject.empty());
    return true;
  }

  synchronized void detach(WebSocket closed) {
    if (connection == closed) {
      connection = null;
    }
  }

  synchronized WebSocket connection() {
    return connection;
  }

  private void send(DataObject payload) {
    if (connection != null && connection.isOpen()) {
      connection.send(payload.toString());
    }
  }
}
