package dev.orrery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.store.EmbeddedPostgresql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster scenario's wiring at a few feeds: forked nodes poll the database the parent fills and
 * marks due, every feed once per cycle, on SQLite alone and on PostgreSQL shared by two nodes.
 */
class ClusterScenarioTest {
  static final int FEEDS = 20;

  /** Long enough for a node to poll a feed it had already polled again, not a full sweep. */
  static final Duration SETTLE = Duration.ofMillis(500);

  @TempDir Path folder;

  @Test
  void partitionsAndThreadsAreTheProductDefaults() throws Exception {
    String example = Files.readString(Path.of("bot.properties.example"));
    assertThat(example)
        .contains("#poll.partitions=" + ClusterScenario.PARTITIONS)
        .contains("#poll.threads=" + BenchOptions.parse().threads())
        .contains("#database.pool-size=" + PollCycles.POOL_SIZE);
  }

  @Test
  void oneSqliteNodeAndTwoPostgresqlNodesPollEachFeedOncePerCycle() throws Exception {
    BenchOptions options = BenchOptions.parse("--out", folder.toString(), "--threads", "2");
    try (FeedLoadServer server = new FeedLoadServer(SyntheticFeeds.fromFixtures(), FEEDS, 2)) {
      Config.Database sqlite =
          new Config.Database("jdbc:sqlite:" + folder.resolve("orrery.db"), PollCycles.POOL_SIZE);
      ClusterRun.fill(sqlite, server);
      ClusterRun.Outcome alone = ClusterScenario.run(sqlite, 1, options, SETTLE).measure(server);
      assertOncePerFeed(alone);
      assertThat(server.okCount()).isEqualTo(FEEDS);
      assertThat(server.notModifiedCount()).isEqualTo(FEEDS);
      assertThat(folder.resolve("cluster-sqlite-1-node-1.log")).exists();

      Config.Database postgresql = EmbeddedPostgresql.settings(PollCycles.POOL_SIZE);
      ClusterRun.fill(postgresql, server);
      ClusterRun.Outcome shared =
          ClusterScenario.run(postgresql, 2, options, SETTLE).measure(server);
      assertOncePerFeed(shared);
      assertThat(server.okCount()).isEqualTo(2 * FEEDS);
      assertThat(server.notModifiedCount()).isEqualTo(2 * FEEDS);
      // both nodes logged their start: each was a process of its own
      assertThat(folder.resolve("cluster-postgresql-2-node-1.log")).exists();
      assertThat(folder.resolve("cluster-postgresql-2-node-2.log")).exists();

      ResultTable table = new ResultTable();
      ClusterScenario.report(table, "cluster, 2 nodes", shared, alone);
      assertThat(table.anyMiss()).isFalse();
      assertThat(table.rows())
          .extracting(ResultTable.Row::figure)
          .contains("cold cycle, of SQLite's", "304 cycle: most requests for one feed");
    }
  }

  @Test
  void twoBotsOnOnePostgresqlDatabasePostEveryEntryOnceFromTheirOwnShards() throws Exception {
    ClusterDelivery delivery = new ClusterDelivery(20, 4, 2);
    ClusterDelivery.Outcome outcome = delivery.measure(folder);
    assertThat(outcome.messages()).isEqualTo(20);
    assertThat(outcome.global429()).isZero();
    assertThat(outcome.minimum()).isEqualTo(0); // 5 messages a channel: one window each
    assertThat(outcome.seconds()).isPositive();
    ResultTable table = new ResultTable();
    delivery.report(table, outcome);
    assertThat(table.rows())
        .extracting(ResultTable.Row::figure)
        .contains("poll start to last message ÷ Discord minimum", "429 global");
  }

  private static void assertOncePerFeed(ClusterRun.Outcome outcome) {
    for (ClusterRun.Cycle cycle : new ClusterRun.Cycle[] {outcome.cold(), outcome.notModified()}) {
      assertThat(cycle.most()).isEqualTo(1);
      assertThat(cycle.fewest()).isEqualTo(1);
      assertThat(cycle.seconds()).isPositive();
    }
    assertThat(outcome.failed()).isZero();
  }
}
