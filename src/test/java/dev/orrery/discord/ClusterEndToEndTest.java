package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.app.App;
import dev.orrery.config.Config;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.GatewayIdentify;
import dev.orrery.emulator.Guild;
import dev.orrery.poll.SubscriptionService;
import dev.orrery.store.Database;
import dev.orrery.store.EmbeddedPostgresql;
import dev.orrery.store.NodeStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.Await;
import dev.orrery.testing.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several bot nodes in one JVM on one PostgreSQL database and one Discord with two shards: they
 * split the shards by leases, take over a stopped node's shard, and share the global rate.
 */
class ClusterEndToEndTest {
  @TempDir Path dir;
  BotHarness h;
  String url;
  String shards = "2";
  Guild other;
  final List<App> nodes = new ArrayList<>();

  @BeforeEach
  void start() {
    h = new BotHarness(dir, DiscordEmulator.builder().shards(2).start());
    other = h.discord.createGuildOnShard("Rust", 1 - DiscordEmulator.shardOf(h.guild, 2), 2);
    url = EmbeddedPostgresql.newDatabase();
    h.serveSnapshot(Resources.SNAPSHOTS[0]);
  }

  @AfterEach
  void stop() {
    for (App node : nodes) {
      node.close();
    }
    h.close();
  }

  /** A node's configuration; Discord recommends 2 shards, which auto asks it for. */
  Config node(String name) {
    return h.config(
        "discord.shards=" + shards,
        "database.url=" + url,
        "database.username=" + EmbeddedPostgresql.USER,
        "database.password=" + EmbeddedPostgresql.PASSWORD.reveal(),
        "cluster.node-name=" + name,
        "cluster.renew-every=200ms",
        "cluster.lease=10s");
  }

  App startNode(String name) throws InterruptedException {
    App app = App.start(node(name), InstantSource.system());
    nodes.add(app);
    return app;
  }

  void stopNode(App app) {
    nodes.remove(app);
    app.close();
  }

  /** Says a node is alive before it starts, so the first one does not take every shard. */
  void announce(String name) {
    announce(name, Duration.ZERO);
  }

  /** Says a node is alive, as if it had said so {@code ahead} from now. */
  void announce(String name, Duration ahead) {
    try (Database db = Database.open(node(name).database())) {
      new NodeStore(db).heartbeat(name, Instant.now().plus(ahead));
    }
  }

  static List<Integer> running(App app) {
    ShardManager shards = app.bot().shards();
    return shards == null
        ? List.of()
        : shards.getShards().stream().map(s -> s.getShardInfo().getShardId()).toList();
  }

  static List<Integer> identified(DiscordEmulator discord) {
    return discord.identifies().stream().map(GatewayIdentify::shardId).toList();
  }

  @Test
  void twoNodesRunOneShardEachAndEachShardIsIdentifiedOnce() throws Exception {
    shards = "auto";
    announce("b");
    App a = startNode("a");
    App b = startNode("b");

    Await.until(WAIT, "both shards running", () -> running(a).size() + running(b).size() == 2);
    assertThat(running(a)).hasSize(1);
    assertThat(running(b)).hasSize(1).doesNotContainAnyElementsOf(running(a));
    assertThat(identified(h.discord)).containsExactlyInAnyOrder(0, 1);
    assertThat(a.bot().shards().getShardsTotal()).isEqualTo(2);
    // each server's events reach the node that runs its shard, which answers them
    App pythonNode = running(a).contains(DiscordEmulator.shardOf(h.guild, 2)) ? a : b;
    assertThat(pythonNode.bot().shards().getGuildById(h.guild.id())).isNotNull();
    assertThat(h.subscribe(h.news, "planet-python").content()).startsWith("Subscribed <#");
    assertThat(identified(h.discord)).hasSize(2);
  }

  @Test
  void nodesStartingTogetherTakeTurnsToIdentify() throws Exception {
    java.util.concurrent.ExecutorService starting =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var a = starting.submit(() -> startNode("a"));
      var b = starting.submit(() -> startNode("b"));
      a.get();
      b.get();
    } finally {
      starting.shutdown();
    }
    Await.until(
        WAIT,
        "both shards connected",
        () -> h.discord.sessionOf(h.guild).isPresent() && h.discord.sessionOf(other).isPresent());
    assertThat(h.discord.identifiesTooSoon())
        .as("IDENTIFYs within 5 s of another of their bucket, from either node")
        .isZero();
  }

  @Test
  void whenANodeStopsAnotherTakesItsShardAndAThirdNodeStandsByWithNone() throws Exception {
    announce("b");
    App a = startNode("a");
    App b = startNode("b");
    Await.until(WAIT, "both shards running", () -> running(a).size() + running(b).size() == 2);

    App c = startNode("c");
    // two shards over three nodes: nothing is free, and c runs no gateway connection
    Thread.sleep(1000);
    assertThat(running(c)).isEmpty();
    assertThat(c.bot().shards()).isNull();
    assertThat(running(a)).hasSize(1);
    assertThat(running(b)).hasSize(1);
    assertThat(identified(h.discord)).hasSize(2);

    int shardOfA = running(a).get(0);
    stopNode(a);
    Await.until(WAIT, "c takes the shard of a", () -> running(c).equals(List.of(shardOfA)));
    assertThat(running(b)).hasSize(1).doesNotContain(shardOfA);
    assertThat(identified(h.discord)).filteredOn(s -> s == shardOfA).hasSize(2);
    // the server of that shard is answered again, now by c
    Guild guildOfA = DiscordEmulator.shardOf(h.guild, 2) == shardOfA ? h.guild : other;
    Await.until(
        WAIT, "c sees the server", () -> c.bot().shards().getGuildById(guildOfA.id()) != null);
  }

  @Test
  void twoNodesSendingAtOnceStayUnderTheGlobalLimitTogether() throws Exception {
    List<Channel> python = channels(h.guild, 30);
    List<Channel> rust = channels(other, 30);
    announce("b");
    App a = startNode("a");
    App b = startNode("b");
    Await.until(WAIT, "both shards running", () -> running(a).size() + running(b).size() == 2);

    // each node alone would send at nearly the whole limit: together, twice over it
    List<CompletableFuture<?>> sent = new ArrayList<>();
    sent.addAll(send(a, python));
    sent.addAll(send(a, rust));
    sent.addAll(send(b, python));
    sent.addAll(send(b, rust));
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();

    assertThat(sent).hasSize(120);
    assertThat(h.discord.stats().globalRateLimited()).isZero();
    assertThat(python).allSatisfy(c -> assertThat(h.discord.messages(c)).hasSize(2));
    assertThat(rust).allSatisfy(c -> assertThat(h.discord.messages(c)).hasSize(2));
  }

  @Test
  void aNodeRunningSomeShardsLeavesTheOtherShardsDeliveriesAloneAndPausesNothing()
      throws Exception {
    Channel rustNews = h.discord.createTextChannel(other, "news");
    // b is live for the whole test without running: a keeps to its share of one shard
    announce("b", Duration.ofHours(1));
    App a = startNode("a");
    Await.until(WAIT, "a runs its shard", () -> running(a).size() == 1);
    boolean pythonOnA = running(a).contains(DiscordEmulator.shardOf(h.guild, 2));
    Guild unseen = pythonOnA ? other : h.guild;
    Channel there = pythonOnA ? rustNews : h.news;
    assertThat(
            a.feedSide()
                .service
                .subscribe(
                    unseen.id(),
                    there.id(),
                    "planet-python",
                    null,
                    Subscription.Settings.DEFAULT,
                    null,
                    0))
        .isInstanceOf(SubscriptionService.SubscribeResult.Subscribed.class);

    h.serveSnapshot(Resources.SNAPSHOTS[1]);

    try (Database db = Database.open(node("reader").database())) {
      SubscriptionStore subscriptions = new SubscriptionStore(db);
      Await.until(WAIT, "the new entries' deliveries", () -> number(db, "COUNT(*)") > 0);
      // several rounds of the deliverer: a node reads only the deliveries of its own shards
      Thread.sleep(3_000);
      assertThat(number(db, "SUM(attempts)")).as("tries of the other shard's deliveries").isZero();
      assertThat(subscriptions.all())
          .singleElement()
          .satisfies(s -> assertThat(s.pausedReason()).isNull());
    }
    assertThat(h.discord.messages(there)).isEmpty();
  }

  /** One figure over the pending deliveries. */
  private static long number(Database db, String aggregate) {
    return db.withConnection(
        "read the deliveries",
        c -> {
          try (var query =
                  c.prepareStatement(
                      "SELECT COALESCE("
                          + aggregate
                          + ", 0) FROM deliveries WHERE state = 'pending'");
              var rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  private List<Channel> channels(Guild guild, int count) {
    List<Channel> channels = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      channels.add(h.discord.createTextChannel(guild, "news-" + i));
    }
    return channels;
  }

  /** Sends one message to each channel that this node sees, through the bot's own JDA. */
  private static List<CompletableFuture<?>> send(App node, List<Channel> channels) {
    List<CompletableFuture<?>> sent = new ArrayList<>();
    ShardManager shards = node.bot().shards();
    for (Channel channel : channels) {
      var seen = shards.getTextChannelById(channel.id());
      if (seen != null) {
        sent.add(seen.sendMessage("hello " + channel.id()).submit());
        sent.add(seen.sendMessage("again " + channel.id()).submit());
      }
    }
    return sent;
  }
}
