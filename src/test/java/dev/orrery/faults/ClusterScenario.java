package dev.orrery.faults;

import dev.orrery.emulator.Channel;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.GatewayIdentify;
import dev.orrery.emulator.Guild;
import dev.orrery.emulator.RouteLimit;
import dev.orrery.store.EmbeddedPostgresql;
import dev.orrery.testing.Await;
import dev.orrery.testing.FeedServer;
import dev.orrery.testing.TcpProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Several {@code orrery run} nodes as child JVMs on one PostgreSQL database and one emulated
 * Discord with two shards, polling growing feeds on a loopback server and posting to channels of a
 * guild on each shard. Each node reaches the database through its own {@link TcpProxy}, so one can
 * be cut off while the others carry on. The test drives it: kills, restarts, cuts; then {@link
 * #drain} says whether every new entry reached each subscribed channel exactly once.
 */
final class ClusterScenario implements AutoCloseable {
  /** What the channels hold at the end, against what the feeds published. */
  record Report(
      int expected, int posted, int duplicated, int lost, int unexpected, List<String> problems) {
    String summary() {
      return "expected="
          + expected
          + " posted="
          + posted
          + " duplicated="
          + duplicated
          + " lost="
          + lost
          + " unexpected="
          + unexpected;
    }
  }

  static final int SHARDS = 2;
  static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(180);
  private static final int MAX_PER_POLL = 50;
  private static final int FEEDS = 4;
  private static final int CHANNELS_PER_GUILD = 2;

  private final Path dir;
  private final DiscordEmulator discord;
  private final FeedServer server = new FeedServer();
  private final String databaseUrl = EmbeddedPostgresql.newDatabase();
  private final PostgresqlRows rows = new PostgresqlRows(databaseUrl);
  private final List<Guild> guilds = new ArrayList<>();
  private final List<Channel> channels = new ArrayList<>();
  private final List<SyntheticFeed> feeds = new ArrayList<>();
  private final Map<SyntheticFeed, List<Channel>> subscribers = new LinkedHashMap<>();
  private final List<TcpProxy> proxies = new ArrayList<>();
  private final List<BotProcess> nodes = new ArrayList<>();
  private int runs;

  ClusterScenario(Path dir, int nodeCount) throws IOException {
    this.dir = dir;
    // a per-channel bucket of 4 posts a second: a burst takes seconds, so a kill lands inside it
    this.discord =
        DiscordEmulator.builder()
            .shards(SHARDS)
            .channelMessageLimit(new RouteLimit(4, Duration.ofSeconds(1)))
            .start();
    for (int shard = 0; shard < SHARDS; shard++) {
      Guild guild = discord.createGuildOnShard("Shard " + shard, shard, SHARDS);
      guilds.add(guild);
      for (int c = 1; c <= CHANNELS_PER_GUILD; c++) {
        channels.add(discord.createTextChannel(guild, "news-" + shard + "-" + c));
      }
    }
    URI base = server.url("/");
    for (int f = 1; f <= FEEDS; f++) {
      SyntheticFeed feed = new SyntheticFeed("f" + f, base);
      feed.addBaseline(3);
      feeds.add(feed);
      server.serve(feed.path, feed.rss());
      subscribers.put(feed, new ArrayList<>());
    }
    // every channel takes two feeds; every feed reaches both shards
    for (int c = 0; c < channels.size(); c++) {
      subscribers.get(feeds.get(c % FEEDS)).add(channels.get(c));
      subscribers.get(feeds.get((c + 1) % FEEDS)).add(channels.get(c));
    }
    for (int n = 1; n <= nodeCount; n++) {
      proxies.add(new TcpProxy(EmbeddedPostgresql.port()));
      writeConfig(n);
      nodes.add(null);
    }
  }

  /**
   * Starts the nodes one after another, the first alone until it has subscribed the channels (it
   * holds both shards then, so it sees every channel), and waits until both shards are connected.
   */
  void start() {
    int subscriptions = subscribers.values().stream().mapToInt(List::size).sum();
    startNode(1);
    await(
        START_TIMEOUT,
        "the configured subscriptions",
        () -> rows.number("SELECT COUNT(*) FROM subscriptions") == subscriptions);
    for (int n = 2; n <= nodes.size(); n++) {
      startNode(n);
    }
    await(
        START_TIMEOUT,
        "every node in the nodes table",
        () -> rows.number("SELECT COUNT(*) FROM nodes") == nodes.size());
    awaitEveryShardConnected();
  }

  /** Starts (or restarts) node {@code n}, named {@code node-n}. */
  void startNode(int n) {
    runs++;
    nodes.set(
        n - 1,
        BotProcess.start(
            dir.resolve("node-" + n + "-run-" + runs + ".log"),
            Map.of("ORRERY_DATABASE_PASSWORD", EmbeddedPostgresql.PASSWORD.reveal()),
            "run",
            "--config",
            dir.resolve("node-" + n + ".properties").toString()));
  }

  /** Waits until a session is connected for each shard's guild. */
  void awaitEveryShardConnected() {
    await(
        START_TIMEOUT,
        "a connected session on every shard",
        () -> guilds.stream().allMatch(g -> discord.sessionOf(g).isPresent()));
  }

  /** The node (1-based) whose lease on the shard is current, if any. */
  Optional<Integer> holderOf(int shard) {
    List<String> holder =
        rows.rows(
            "SELECT node_id FROM shard_leases WHERE shard_id = "
                + shard
                + " AND expires_at > "
                + System.currentTimeMillis());
    return holder.isEmpty()
        ? Optional.empty()
        : Optional.of(Integer.parseInt(holder.get(0).substring("node-".length())));
  }

  /** Waits until a node holds the shard's lease, and says which. */
  int awaitHolderOf(int shard) {
    await(START_TIMEOUT, "a node holding shard " + shard, () -> holderOf(shard).isPresent());
    return holderOf(shard).orElseThrow();
  }

  /** The session connected for the shard's guild, if any. */
  Optional<String> sessionOn(int shard) {
    return discord.sessionOf(guilds.get(shard)).map(GatewayIdentify::sessionId);
  }

  /**
   * SIGKILLs node {@code n} and measures how long until the shard it held is connected again, by
   * another session.
   */
  Duration killAndAwaitTakeover(int n, int shard) throws InterruptedException {
    String before = sessionOn(shard).orElseThrow();
    nodes.get(n - 1).kill();
    long killed = System.nanoTime();
    await(
        START_TIMEOUT,
        "shard " + shard + " connected again after node-" + n + " was killed",
        () -> sessionOn(shard).filter(s -> !s.equals(before)).isPresent());
    return Duration.ofNanos(System.nanoTime() - killed);
  }

  /** Stops node {@code n} with SIGTERM; it must exit cleanly. */
  void stop(int n) throws InterruptedException {
    BotProcess node = nodes.get(n - 1);
    int status = node.terminate();
    if (status != 0) {
      throw new AssertionError("node-" + n + " exited " + status + ":\n" + node.output());
    }
  }

  /** Cuts node {@code n} off from PostgreSQL (the others keep theirs), or lets it through again. */
  void cutDatabase(int n, boolean cut) {
    if (cut) {
      proxies.get(n - 1).cut();
    } else {
      proxies.get(n - 1).restore();
    }
  }

  boolean isAlive(int n) {
    return nodes.get(n - 1) != null && nodes.get(n - 1).isAlive();
  }

  /** Adds {@code count} new entries to every feed (never more than one poll posts unsummed). */
  void grow(int count) {
    for (SyntheticFeed feed : feeds) {
      feed.addNew(Math.min(count, MAX_PER_POLL));
      server.serve(feed.path, feed.rss());
    }
  }

  /** Posts so far, across the channels. */
  int posted() {
    return channels.stream().mapToInt(c -> discord.messages(c).size()).sum();
  }

  /** The requests for each feed so far. */
  Map<String, Long> fetches() {
    Map<String, Long> counts = new LinkedHashMap<>();
    feeds.forEach(f -> counts.put(f.name, server.requestCount(f.path)));
    return counts;
  }

  /**
   * Waits until every new entry is posted in each subscribed channel and nothing is pending, lets a
   * late duplicate show itself, and counts.
   */
  Report drain() throws InterruptedException {
    Set<String> wanted = PostLedger.wanted(subscribers);
    try {
      await(
          DRAIN_TIMEOUT,
          "every expected post and no pending delivery",
          () ->
              PostLedger.posted(discord, channels).keySet().containsAll(wanted)
                  && rows.number("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'") == 0);
    } catch (AssertionError e) {
      Map<String, Integer> posts = PostLedger.posted(discord, channels);
      throw new AssertionError(
          "pending deliveries (attempts, next try, last error, claimed by): "
              + rows.rows(
                  "SELECT attempts || ' ' || next_attempt_at || ' ' || COALESCE(last_error, '-')"
                      + " || ' ' || COALESCE(claimed_by, '-') FROM deliveries"
                      + " WHERE state = 'pending' LIMIT 20")
              + "\ndeliveries by state: "
              + rows.rows(
                  "SELECT state || ' ' || COALESCE(skip_reason, last_error, '-') || ' x'"
                      + " || COUNT(*) FROM deliveries GROUP BY state, skip_reason, last_error")
              + "\nmissing: "
              + wanted.stream().filter(k -> !posts.containsKey(k)).limit(10).toList()
              + "\n"
              + e.getMessage(),
          e);
    }
    Thread.sleep(2_000);
    Map<String, Integer> counts = PostLedger.posted(discord, channels);
    int posted = 0;
    int duplicated = 0;
    int unexpected = 0;
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (!wanted.contains(e.getKey())) {
        unexpected += e.getValue();
        problems.add("unexpected " + e.getKey());
        continue;
      }
      posted += e.getValue();
      if (e.getValue() > 1) {
        duplicated += e.getValue() - 1;
        problems.add("duplicated " + e.getKey() + " x" + e.getValue());
      }
    }
    int lost = 0;
    for (String key : wanted) {
      if (!counts.containsKey(key)) {
        lost++;
        problems.add("lost " + key);
      }
    }
    return new Report(wanted.size(), posted, duplicated, lost, unexpected, problems);
  }

  /** Nonces Discord saw twice: one delivery sent by two nodes, or again after a kill. */
  int nonceRepeats() {
    return discord.stats().nonceRepeats();
  }

  /** Waits as {@link Await#until}; a timeout carries what every node logged. */
  void await(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
    try {
      Await.until(timeout, what, condition);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + outputs(), e);
    }
  }

  String output(int n) {
    BotProcess node = nodes.get(n - 1);
    return node == null ? "" : "--- node-" + n + " ---\n" + node.output();
  }

  String outputs() {
    StringBuilder all = new StringBuilder();
    for (int n = 1; n <= nodes.size(); n++) {
      all.append(output(n)).append('\n');
    }
    return all.toString();
  }

  private void writeConfig(int n) throws IOException {
    String database =
        databaseUrl.replace(
            ":" + EmbeddedPostgresql.port() + "/", ":" + proxies.get(n - 1).port() + "/");
    List<String> lines =
        new ArrayList<>(
            List.of(
                "discord.token=" + discord.token(),
                "discord.api-base-url=" + discord.restBaseUrl(),
                "discord.gateway-url=" + discord.gatewayUrl(),
                "discord.shards=" + SHARDS,
                "database.url=" + database,
                "database.username=" + EmbeddedPostgresql.USER,
                "cluster.node-name=node-" + n,
                "poll.interval=" + POLL_INTERVAL.toSeconds() + "s",
                "http.allow-private-addresses=true",
                "deliver.max-per-poll=" + MAX_PER_POLL));
    for (SyntheticFeed feed : feeds) {
      lines.add("sources." + feed.name + ".url=" + server.url(feed.path));
    }
    int s = 0;
    for (Map.Entry<SyntheticFeed, List<Channel>> e : subscribers.entrySet()) {
      for (Channel channel : e.getValue()) {
        s++;
        lines.add("subscriptions." + s + ".channel=" + channel.id());
        lines.add("subscriptions." + s + ".source=" + e.getKey().name);
      }
    }
    Path config = dir.resolve("node-" + n + ".properties");
    Files.write(config, lines);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
  }

  @Override
  public void close() throws InterruptedException {
    for (BotProcess node : nodes) {
      if (node != null) {
        node.close();
      }
    }
    proxies.forEach(TcpProxy::close);
    server.close();
    discord.close();
  }
}
