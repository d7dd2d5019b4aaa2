package dev.orrery.emulator;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.exceptions.ParsingException;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's gateway on loopback (JSON, no compression): HELLO, heartbeat ACKs, IDENTIFY answered
 * with READY and a GUILD_CREATE per guild of the session's shard, RESUME answered with the missed
 * events and RESUMED, and dispatches, each to the sessions whose shard holds its guild. While
 * refusing, it turns every new connection away at the WebSocket handshake, as a gateway behind a
 * failing load balancer would.
 */
final class GatewayServer extends WebSocketServer {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
  private static final int OP_HEARTBEAT = 1;
  private static final int OP_IDENTIFY = 2;
  private static final int OP_RESUME = 6;
  private static final int OP_INVALID_SESSION = 9;
  private static final int OP_HELLO = 10;
  private static final int OP_HEARTBEAT_ACK = 11;
  private static final int CLOSE_AUTHENTICATION_FAILED = 4004;
  private static final int CLOSE_DECODE_ERROR = 4002;
  private static final int CLOSE_INVALID_SHARD = 4010;
  private static final int CLOSE_SHARDING_REQUIRED = 4011;

  private final World world;
  private final String expectedToken;
  private final Duration heartbeatInterval;
  private final AwaitableLog<String> logins;
  private final AwaitableLog<GatewayIdentify> identifies = new AwaitableLog<>();
  private final SessionStartLimit startLimit;
  private final int maxGuildsPerShard;
  private final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private final AtomicBoolean refusing = new AtomicBoolean();

  GatewayServer(
      World world,
      String expectedToken,
      Duration heartbeatInterval,
      AwaitableLog<String> logins,
      SessionStartLimit startLimit,
      int maxGuildsPerShard) {
    super(new InetSocketAddress("127.0.0.1", 0), 1);
    this.world = world;
    this.expectedToken = expectedToken;
    this.heartbeatInterval = heartbeatInterval;
    this.logins = logins;
    this.startLimit = startLimit;
    this.maxGuildsPerShard = maxGuildsPerShard;
    setReuseAddr(true);
    setDaemon(true);
    // the bot's heartbeats keep the connection honest; library pings would only add noise
    setConnectionLostTimeout(0);
  }

  void startAndWait() throws InterruptedException {
    start();
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("gateway did not start");
    }
  }

  @Override
  public void onStart() {
    started.countDown();
  }

  /** Turns new connections away at the handshake ({@code true}) or accepts them again. */
  void refuseConnections(boolean refuse) {
    refusing.set(refuse);
  }

  @Override
  public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
      WebSocket connection, Draft draft, ClientHandshake request) throws InvalidDataException {
    if (refusing.get()) {
      logins.add("REFUSED");
      // the library answers a refused handshake with an HTTP error and closes the socket
      throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "the gateway is refusing");
    }
    return super.onWebsocketHandshakeReceivedAsServer(connection, draft, request);
  }

  @Override
  public void onOpen(WebSocket connection, ClientHandshake handshake) {
    send(
        connection,
        OP_HELLO,
        DataObject.empty().put("heartbeat_interval", heartbeatInterval.toMillis()));
  }

  @Override
  public void onMessage(WebSocket connection, String text) {
    DataObject payload;
    try {
      payload = DataObject.fromJson(text);
    } catch (ParsingException e) {
      connection.close(CLOSE_DECODE_ERROR, "Error while decoding payload.");
      return;
    }
    int op = payload.getInt("op", -1);
    switch (op) {
      case OP_HEARTBEAT:
        connection.send(DataObject.empty().put("op", OP_HEARTBEAT_ACK).toString());
        break;
      case OP_IDENTIFY:
        identify(connection, payload.getObject("d"));
        break;
      case OP_RESUME:
        resume(connection, payload.getObject("d"));
        break;
      default:
        // presence updates, member requests and voice states change nothing here
        break;
    }
  }

  private void identify(WebSocket connection, DataObject identify) {
    if (!tokenAccepted(identify.getString("token", ""))) {
      connection.close(CLOSE_AUTHENTICATION_FAILED, "Authentication failed.");
      return;
    }
    int shardId = 0;
    int shardTotal = 1;
    DataArray shard = identify.optArray("shard").orElse(null);
    if (shard != null) {
      if (shard.length() != 2) {
        connection.close(CLOSE_INVALID_SHARD, "Invalid shard.");
        return;
      }
      shardId = shard.getInt(0);
      shardTotal = shard.getInt(1);
    }
    if (!validShard(shardId, shardTotal)) {
      logins.add("INVALID_SHARD " + shardId + "/" + shardTotal);
      connection.close(CLOSE_INVALID_SHARD, "Invalid shard.");
      return;
    }
    int id = shardId;
    int total = shardTotal;
    List<Guild> guilds =
        world.guilds().stream().filter(g -> GatewaySession.shardOf(g.id(), total) == id).toList();
    if (guilds.size() > maxGuildsPerShard) {
      logins.add("SHARDING_REQUIRED " + shardId + "/" + shardTotal);
      connection.close(CLOSE_SHARDING_REQUIRED, "Sharding required.");
      return;
    }
    switch (startLimit.identify(shardId)) {
      case EXHAUSTED:
        // past the daily limit Discord resets the bot's token: the old one no longer logs in
        logins.add("SESSION_LIMIT " + shardId + "/" + shardTotal);
        connection.close(CLOSE_AUTHENTICATION_FAILED, "Authentication failed.");
        return;
      case TOO_SOON:
        // the bucket's one IDENTIFY per 5 seconds is spent: d:false, identify again later
        logins.add("TOO_SOON " + shardId + "/" + shardTotal);
        send(connection, OP_INVALID_SESSION, false);
        return;
      default:
        break;
    }
    String sessionId = UUID.randomUUID().toString().replace("-", "");
    GatewaySession session =
        new GatewaySession(
            sessionId, identify.getLong("intents", 0), shardId, shardTotal, connection);
    sessions.put(session.id(), session);
    connection.setAttachment(session);
    DataArray unavailable = DataArray.empty();
    guilds.forEach(
        g ->
            unavailable.add(
                DataObject.empty()
                    .put("id", Long.toUnsignedString(g.id()))
                    .put("unavailable", true)));
    session.dispatch(
        "READY",
        DataObject.empty()
            .put("v", 10)
            .put("user", EntityJson.user(world.bot()))
            .put("guilds", unavailable)
            .put("private_channels", DataArray.empty())
            .put("session_id", session.id())
            .put("session_type", "normal")
            .put("shard", DataArray.empty().add(shardId).add(shardTotal))
            .put("resume_gateway_url", url())
            .put(
                "application",
                DataObject.empty()
                    .put("id", Long.toUnsignedString(world.applicationId()))
                    .put("flags", 0)));
    // JDA stays in LOADING until every guild announced in READY has arrived
    for (Guild guild : guilds) {
      session.dispatch("GUILD_CREATE", EntityJson.guildCreate(guild));
    }
    logins.add("IDENTIFY " + session.id());
    identifies.add(new GatewayIdentify(session.id(), shardId, shardTotal));
  }

  /**
   * 0 <= id < total, and the same total as every session connected now: a guild's events must have
   * one shard to go to.
   */
  private boolean validShard(int shardId, int shardTotal) {
    return shardTotal >= 1
        && shardId >= 0
        && shardId < shardTotal
        && sessions.values().stream()
            .filter(GatewaySession::connected)
            .allMatch(s -> s.shardTotal() == shardTotal);
  }

  private void resume(WebSocket connection, DataObject resume) {
    GatewaySession session = sessions.get(resume.getString("session_id", ""));
    if (session == null
        || !tokenAccepted(resume.getString("token", ""))
        || !session.resume(connection, resume.getLong("seq", 0))) {
      // d:false tells the bot to IDENTIFY afresh
      send(connection, OP_INVALID_SESSION, false);
      return;
    }
    connection.setAttachment(session);
    logins.add("RESUME " + session.id());
  }

  private boolean tokenAccepted(String token) {
    return !token.isBlank() && (expectedToken == null || expectedToken.equals(token));
  }

  /**
   * Sends an event to every session (connected or waiting to resume) whose shard holds its guild;
   * an event of no guild goes to shard 0, as Discord sends direct messages.
   */
  void dispatch(String type, DataObject data) {
    Long guildId = guildOf(type, data);
    for (GatewaySession session : sessions.values()) {
      if (session.receives(guildId)) {
        // each session gets its own copy: the payload is mutable
        session.dispatch(type, DataObject.fromJson(data.toString()));
      }
    }
  }

  private static Long guildOf(String type, DataObject data) {
    if (data.hasKey("guild_id") && !data.isNull("guild_id")) {
      return Long.parseUnsignedLong(data.getString("guild_id"));
    }
    if (type.startsWith("GUILD_") && data.hasKey("id")) {
      return Long.parseUnsignedLong(data.getString("id"));
    }
    return null;
  }

  /** The IDENTIFYs accepted so far, in order. */
  List<GatewayIdentify> identifies() {
    return identifies.snapshot();
  }

  List<GatewayIdentify> awaitIdentifies(int count, Duration timeout) {
    return identifies.await(i -> true, count, timeout, "gateway identifies");
  }

  /** The connected session that gets the guild's events, if any. */
  Optional<GatewayIdentify> sessionOf(long guildId) {
    return sessions.values().stream()
        .filter(s -> s.connected() && s.receives(guildId))
        .findFirst()
        .map(s -> new GatewayIdentify(s.id(), s.shardId(), s.shardTotal()));
  }

  /** Cuts every connection without a close frame, as a network failure would. */
  void dropConnections() {
    for (WebSocket connection : getConnections()) {
      connection.closeConnection(1006, "connection dropped by the emulator");
    }
  }

  /** Closes every connection with a close frame carrying {@code code}. */
  void closeConnections(int code, String reason) {
    for (WebSocket connection : getConnections()) {
      connection.close(code, reason);
    }
  }

  String url() {
    return "ws://127.0.0.1:" + getPort() + "/";
  }

  @Override
  public void onClose(WebSocket connection, int code, String reason, boolean remote) {
    GatewaySession session = connection.getAttachment();
    if (session != null) {
      session.detach(connection);
    }
  }

  @Override
  public void onError(WebSocket connection, Exception e) {
    if (connection == null) {
      LOG.error("gateway server failed", e);
    } else {
      LOG.debug("gateway connection error", e);
    }
  }

  private static void send(WebSocket connection, int op, Object data) {
    if (connection.isOpen()) {
      connection.send(DataObject.empty().put("op", op).put("d", data).toString());
    }
  }
}
