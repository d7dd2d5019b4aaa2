package dev.orrery.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Identify turns on both databases: one per bucket per window, whoever asks. */
@ParameterizedClass
@EnumSource(Dialect.class)
class IdentifyBucketStoreTest {
  static final Duration WINDOW = Duration.ofMillis(5_500);
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  @Parameter Dialect dialect;
  @TempDir Path dir;
  Database db;
  IdentifyBucketStore buckets;

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
    buckets = new IdentifyBucketStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aBucketGivesOneTurnPerWindowAndBucketsAreApart() {
    assertThat(buckets.take(0, T0, WINDOW)).isTrue();
    assertThat(buckets.take(0, T0.plusSeconds(5), WINDOW)).as("within the window").isFalse();
    assertThat(buckets.take(1, T0.plusSeconds(1), WINDOW)).as("another bucket").isTrue();
    assertThat(buckets.take(0, T0.plus(WINDOW), WINDOW)).as("the window over").isTrue();
    assertThat(buckets.take(0, T0.plus(WINDOW).plusSeconds(1), WINDOW)).isFalse();
  }

  @Test
  void ofEightNodesAskingAtOnceOneGetsTheTurn() throws Exception {
    ExecutorService nodes = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> asks = new ArrayList<>();
      for (int n = 0; n < 8; n++) {
        asks.add(() -> buckets.take(3, T0, WINDOW));
      }
      long won = 0;
      for (Future<Boolean> f : nodes.invokeAll(asks)) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      nodes.shutdown();
    }
  }
}
