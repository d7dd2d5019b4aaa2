package dev.orrery.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.config.Secret;
import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.store.Admission;
import dev.orrery.store.Database;
import dev.orrery.store.EmbeddedPostgresql;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.Await;
import dev.orrery.testing.FeedServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;

/**
 * Several nodes in one JVM polling one PostgreSQL database through Quartz's clustered job store,
 * each node with its own pool, fetcher and scheduler, as separate processes would have.
 */
class ClusteredPollSchedulerTest {
  static final String PYTHON = PollSchedulerTest.PYTHON;
  static final int FEEDS = 30;
  static final int PARTITIONS = 8;

  /** Every 2 s ±10%, so two polls of a feed for one due time would come well under 1 s apart. */
  static final Duration INTERVAL = Duration.ofSeconds(2);

  static final Duration SAME_DUE_TIME = Duration.ofSeconds(1);

  static final Secret PASSWORD = EmbeddedPostgresql.PASSWORD;

  FeedServer server;
  String url;
  Database setup;
  final List<Node> nodes = new ArrayList<>();

  /** One process of the cluster. */
  final class Node implements AutoCloseable {
    final String name;
    final Database db;
    final FeedFetcher fetcher;
    final FeedStore feeds;
    final PollScheduler scheduler;
    final Set<Long> refreshed = ConcurrentHashMap.newKeySet();

    /** When each refresh ended, whatever came of it, in order. */
    final List<Instant> refreshesEnded = new CopyOnWriteArrayList<>();

    /** Gone, by dying or closing. */
    volatile boolean gone;

    Node(String name, int partitions) {
      this(name, partitions, new PollSchedule(INTERVAL, Duration.ofSeconds(1), new Random(7)));
    }

    Node(String name, int partitions, PollSchedule schedule) {
      this.name = name;
      db = Database.open(new Config.Database(url, 4, EmbeddedPostgresql.USER, PASSWORD));
      feeds = new FeedStore(db);
      fetcher =
          new FeedFetcher(
              new FetcherSettings("OrreryTest/1", Duration.ofSeconds(5), 1 << 20, true, 4));
      FeedRefresher refresher =
          new FeedRefresher(
              fetcher,
              new FeedParser(),
              new EntryNormalizer(350),
              feeds,
              new EntryStore(db, 5, Admission.EVERYTHING, true),
              schedule,
              new Catalogue(Map.of()),
              InstantSource.system());
      refresher.addListener(
          outcome -> {
            refreshed.add(outcome.feed().id());
            refreshesEnded.add(Instant.now());
          });
      scheduler =
          PollScheduler.clustered(
              feeds,
              refresher,
              schedule,
              2,
              InstantSource.system(),
              new PollCluster(db.dataSource(), name, partitions));
      nodes.add(this);
    }

    /** Dies: its scheduler stops without a word to the others, its connections and fetcher go. */
    void die() throws Exception {
      gone = true;
      scheduler.abandon();
      db.close();
      fetcher.close();
    }

    @Override
    public void close() {
      if (!gone) {
        gone = true;
        scheduler.close();
        db.close();
        fetcher.close();
      }
    }
  }

  @BeforeEach
  void setUp() {
    server = new FeedServer();
    url = EmbeddedPostgresql.newDatabase();
    setup = Database.open(new Config.Database(url, 2, EmbeddedPostgresql.USER, PASSWORD));
  }

  @AfterEach
  void tearDown() {
    nodes.forEach(Node::close);
    setup.close();
    server.close();
  }

  /** Feeds /f0 … /f{n-1}, each wanted by a channel and due now. */
  List<Feed> subscribedFeeds(int count) {
    FeedStore feeds = new FeedStore(setup);
    SubscriptionStore subscriptions = new SubscriptionStore(setup);
    List<Feed> made = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      server.serveResource("/f" + i, PYTHON);
      Feed feed = feeds.findOrCreate(server.url("/f" + i).toString(), Instant.now());
      subscriptions.create(1, 10, feed.id(), null, null, Instant.now());
      made.add(feed);
    }
    return made;
  }

  List<Instant> requestTimes(String path) {
    return server.requests().stream()
        .filter(r -> r.path().equals(path))
        .map(FeedServer.Request::at)
        .toList();
  }

  @Test
  void twoNodesPollEveryFeedOncePerDueTimeNeverTogetherAndShareTheWork() {
    subscribedFeeds(FEEDS);
    new FeedStore(setup).findOrCreate(server.url("/unwanted").toString(), Instant.now());
    Node a = new Node("node-a", PARTITIONS);
    Node b = new Node("node-b", PARTITIONS);
    a.scheduler.start();
    b.scheduler.start();
    Await.until(
        Duration.ofSeconds(40),
        "four polls of every feed",
        () -> {
          for (int i = 0; i < FEEDS; i++) {
            if (server.requestCount("/f" + i) < 4) {
              return false;
            }
          }
          return true;
        });
    a.close();
    b.close();

    for (int i = 0; i < FEEDS; i++) {
      String path = "/f" + i;
      assertThat(server.mostAtOnceAt(path)).as("requests for %s at once", path).isEqualTo(1);
      List<Instant> times = requestTimes(path);
      for (int n = 1; n < times.size(); n++) {
        assertThat(Duration.between(times.get(n - 1), times.get(n)))
            .as("the wait between polls %d and %d of %s", n, n + 1, path)
            .isGreaterThan(SAME_DUE_TIME);
      }
    }
    assertThat(server.requestCount("/unwanted")).isZero();
    assertThat(a.refreshed).as("feeds node-a polled").isNotEmpty();
    assertThat(b.refreshed).as("feeds node-b polled").isNotEmpty();
  }

  /**
   * Feeds /s0 … /s{n-1}, each wanted by a channel, due now and known by the server's ETag, so each
   * poll is a quick 304: a run of 100 polls ends long before the next sweep would start another.
   */
  void feedsAnswering304(int count) throws SQLException {
    byte[] body =
        "<rss version=\"2.0\"><channel><title>S</title><item><guid>1</guid></item></channel></rss>"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    FeedStore feeds = new FeedStore(setup);
    SubscriptionStore subscriptions = new SubscriptionStore(setup);
    for (int i = 0; i < count; i++) {
      server.serve("/s" + i, body);
      Feed feed = feeds.findOrCreate(server.url("/s" + i).toString(), Instant.now());
      subscriptions.create(1, 10, feed.id(), null, null, Instant.now());
    }
    try (Connection c = setup.dataSource().getConnection();
        java.sql.PreparedStatement etag = c.prepareStatement("UPDATE feeds SET etag = ?")) {
      etag.setString(1, "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"");
      etag.executeUpdate();
    }
  }

  /** A node with one partition whose feeds are polled once an hour: the sweep is its longest. */
  Node hourlyNode() {
    return new Node(
        "node-a", 1, new PollSchedule(Duration.ofHours(1), Duration.ofHours(1), new Random(7)));
  }

  @Test
  void aPartitionWithMoreDueFeedsThanOneRunTakesTheRestAtOnceNotAtTheNextSweep() throws Exception {
    int count = 2 * PollPartitionJob.BATCH + 50;
    feedsAnswering304(count);
    Node node = hourlyNode();
    node.scheduler.start();
    Await.until(
        Duration.ofSeconds(60), "every feed polled", () -> server.requests().size() >= count);
    List<Instant> times = server.requests().stream().map(FeedServer.Request::at).sorted().toList();
    assertThat(times).hasSize(count);
    assertThat(node.refreshed).hasSize(count);
    // three runs: waiting for the sweep, the third would start two sweeps after the first
    assertThat(Duration.between(times.get(0), times.get(count - 1)))
        .as("from the first poll to the last (runs a sweep apart take %s)", PollSchedule.MAX_SWEEP)
        .isLessThan(PollSchedule.MAX_SWEEP.multipliedBy(2));
  }

  @Test
  void aPartitionSlowerThanItsSweepKeepsOneNextRunQueuedNotOneMorePerSweep() throws Exception {
    int count = 2 * PollPartitionJob.BATCH + 50;
    feedsAnswering304(count);
    // 100 polls take 6 s: the sweep fires during every run, and waits for it
    server.delay(Duration.ofMillis(60));
    Node node = hourlyNode();
    node.scheduler.start();
    Await.until(
        Duration.ofSeconds(60),
        "the third run",
        () -> server.requests().size() > 2 * PollPartitionJob.BATCH);
    try (Connection c = setup.dataSource().getConnection();
        java.sql.PreparedStatement queued =
            c.prepareStatement("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = ?")) {
      queued.setString(1, PollPartitions.NEXT_RUNS);
      try (ResultSet rows = queued.executeQuery()) {
        rows.next();
        // the one running the third run; a second would have been queued at the second's end
        assertThat(rows.getInt(1)).as("next runs queued").isEqualTo(1);
      }
    }
  }

  @Test
  void aRunWhoseRowsCannotBeWrittenLeavesItsFeedsToTheNextSweepNotToARunAtOnce() throws Exception {
    feedsAnswering304(PollPartitionJob.BATCH + 50);
    try (Connection c = setup.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE FUNCTION refuse_feed_updates() RETURNS trigger LANGUAGE plpgsql AS"
              + " $$ BEGIN RAISE EXCEPTION 'feeds are read-only in this test'; END $$");
      s.execute(
          "CREATE TRIGGER refuse_feed_updates BEFORE UPDATE ON feeds FOR EACH ROW"
              + " EXECUTE FUNCTION refuse_feed_updates()");
    }
    Node node = hourlyNode();
    node.scheduler.start();
    Await.until(
        Duration.ofSeconds(60),
        "a third run",
        () -> node.refreshesEnded.size() > 2 * PollPartitionJob.BATCH);
    // every run takes the same first 100, still due: a run queued at once would follow within
    // moments, run after run, instead of at the next sweep
    List<Instant> ended = node.refreshesEnded;
    assertThat(
            Duration.between(
                ended.get(PollPartitionJob.BATCH), ended.get(2 * PollPartitionJob.BATCH)))
        .as("from the second run to the third, started by sweeps %s apart", PollSchedule.MAX_SWEEP)
        .isGreaterThan(PollSchedule.MAX_SWEEP.dividedBy(2));
    assertThat(node.refreshed).hasSize(PollPartitionJob.BATCH);
  }

  @Test
  void aNextRunLeftBehindThatWillNeverFireIsRemovedWhenTheNextIsQueued() throws Exception {
    Node first = hourlyNode();
    first.scheduler.start();
    first.close();
    JobKey job = PollPartitions.key(0, 1);
    try (Connection c = setup.dataSource().getConnection();
        java.sql.PreparedStatement trigger =
            c.prepareStatement(
                "INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name,"
                    + " job_group, next_fire_time, priority, trigger_state, trigger_type,"
                    + " start_time, misfire_instr) VALUES (?, 'left-behind', ?, ?, ?, NULL, 5,"
                    + " 'ERROR', 'SIMPLE', ?, 0)");
        java.sql.PreparedStatement simple =
            c.prepareStatement(
                "INSERT INTO qrtz_simple_triggers (sched_name, trigger_name, trigger_group,"
                    + " repeat_count, repeat_interval, times_triggered)"
                    + " VALUES (?, 'left-behind', ?, 0, 0, 1)")) {
      trigger.setString(1, PollQuartz.NAME);
      trigger.setString(2, PollPartitions.NEXT_RUNS);
      trigger.setString(3, job.getName());
      trigger.setString(4, job.getGroup());
      trigger.setLong(5, System.currentTimeMillis());
      trigger.executeUpdate();
      simple.setString(1, PollQuartz.NAME);
      simple.setString(2, PollPartitions.NEXT_RUNS);
      simple.executeUpdate();
    }
    int count = PollPartitionJob.BATCH + 50;
    feedsAnswering304(count);
    Node second = hourlyNode();
    second.scheduler.start();
    Await.until(
        Duration.ofSeconds(60), "every feed polled", () -> second.refreshed.size() == count);
    List<Instant> ended = second.refreshesEnded;
    assertThat(
            Duration.between(
                ended.get(PollPartitionJob.BATCH - 1), ended.get(PollPartitionJob.BATCH)))
        .as("from the first run to the next, queued at once despite the one left behind")
        .isLessThan(PollSchedule.MAX_SWEEP.dividedBy(2));
    try (Connection c = setup.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT count(*) FROM qrtz_triggers WHERE trigger_name = 'left-behind'")) {
      rows.next();
      assertThat(rows.getInt(1)).as("next runs in error, never to fire, left").isZero();
    }
  }

  @Test
  void aStoppingNodeWritesThePollUnderWayAndLeavesTheRestOfThePartitionDue() {
    List<Feed> made = subscribedFeeds(2);
    server.delay(Duration.ofMillis(1_500));
    Node node = new Node("node-a", 1);
    node.scheduler.start();
    // counted as the request arrives, 1.5 s before its answer
    Await.until(
        Duration.ofSeconds(30),
        "the first poll to start",
        () -> server.mostAtOnceAt("/f0") + server.mostAtOnceAt("/f1") >= 1);
    long stopped = System.nanoTime();
    node.close();
    assertThat(Duration.ofNanos(System.nanoTime() - stopped))
        .as("the stop waited for the answer")
        .isGreaterThan(Duration.ofMillis(1_000));
    FeedStore feeds = new FeedStore(setup);
    List<Feed> polled =
        made.stream()
            .filter(f -> feeds.find(f.id()).orElseThrow().lastSuccessAt() != null)
            .toList();
    assertThat(polled).as("the poll under way, written before the stop returned").hasSize(1);
    assertThat(server.requests()).as("nothing polled after it").hasSize(1);
  }

  @Test
  void aNodeThatDiesMidPollLeavesAllItsFeedsToTheOthersWithin30Seconds() throws Exception {
    List<Feed> feeds = subscribedFeeds(FEEDS);
    // slow answers keep partitions running, so that the dead node leaves one under way
    server.delay(Duration.ofMillis(300));
    Node a = new Node("node-a", PARTITIONS);
    Node b = new Node("node-b", PARTITIONS);
    a.scheduler.start();
    b.scheduler.start();
    Await.until(
        Duration.ofSeconds(20),
        "node-b running a partition",
        () -> executing("node-b") > 0 && !b.refreshed.isEmpty());
    b.die();
    a.refreshed.clear();

    Await.until(
        Duration.ofSeconds(30),
        "node-a polling every feed, node-b's partitions too",
        () -> a.refreshed.size() == FEEDS);
    assertThat(a.refreshed)
        .containsExactlyInAnyOrderElementsOf(feeds.stream().map(Feed::id).toList());
  }

  @Test
  void aStoppingNodeEndsItsPartitionAfterTheFeedUnderWayAndLeavesTheRestDue() {
    subscribedFeeds(6);
    server.delay(Duration.ofMillis(500));
    // one partition: one run polls all six, one after another
    Node a = new Node("node-a", 1);
    a.scheduler.start();
    Await.until(Duration.ofSeconds(20), "a first poll", () -> !server.requests().isEmpty());
    a.close();
    assertThat(server.requests()).hasSizeLessThan(6);
    assertThat(new FeedStore(setup).dueInPartition(0, 1, Instant.now(), 10)).isNotEmpty();
  }

  @Test
  void quartzTablesComeFromTheMigrationAndNodesStartingTogetherMakeThePartitionsOnce()
      throws Exception {
    assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE version = '5' AND success"))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz\\_%'"))
        .isEqualTo(11);
    List<Node> starting = List.of(new Node("n1", 16), new Node("n2", 16), new Node("n3", 16));
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (Node node : starting) {
      started.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                node.scheduler.start();
              }));
    }
    go.countDown();
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertThat(count("SELECT count(*) FROM qrtz_job_details WHERE job_group = 'partitions'"))
        .isEqualTo(16);
    assertThat(count("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'partitions'"))
        .isEqualTo(16);

    try (Node fewer = new Node("n4", 4)) {
      fewer.scheduler.start();
      assertThat(names("SELECT job_name FROM qrtz_job_details WHERE job_group = 'partitions'"))
          .containsExactlyInAnyOrder(
              "partition-0-of-4", "partition-1-of-4", "partition-2-of-4", "partition-3-of-4");
    }
  }

  @Test
  void inAClusterAFeedIsWatchedWhileAChannelWantsItWithoutAJobOfItsOwn() {
    Feed feed = subscribedFeeds(1).get(0);
    Node a = new Node("node-a", PARTITIONS);
    a.scheduler.start();
    a.scheduler.watch(feed);
    assertThat(a.scheduler.isWatching(feed.id())).isTrue();
    SubscriptionStore subscriptions = new SubscriptionStore(setup);
    subscriptions.forFeed(feed.id()).forEach(s -> subscriptions.delete(s.id()));
    assertThat(a.scheduler.isWatching(feed.id())).isFalse();
    assertThat(count("SELECT count(*) FROM qrtz_job_details WHERE job_group <> 'partitions'"))
        .isZero();
  }

  /** How many partitions a node is running now, as Quartz's table of fired triggers says. */
  long executing(String node) {
    return count(
        "SELECT count(*) FROM qrtz_fired_triggers WHERE instance_name = '"
            + node
            + "' AND state = 'EXECUTING'");
  }

  long count(String sql) {
    return setup.withConnection(
        sql,
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  List<String> names(String sql) {
    return setup.withConnection(sql, c -> strings(c, sql));
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
