package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The cap on requests per second and its split among nodes. Sleeping is the cap's job, so these
 * look only at lower bounds: it never lets more through than its share, however fast the machine.
 */
class GlobalRateLimitTest {
  static final int LIMIT = 48;

  /** Discord's global limit: requests per second for the bot's token. */
  static final int DISCORD_LIMIT = 50;

  /** How long {@code count} acquisitions take. */
  static Duration timeOf(GlobalRateLimit rate, int count) throws InterruptedException {
    rate.acquire();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      rate.acquire();
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** The least time {@code count} requests may take at {@code perSecond}. */
  static Duration atLeast(int count, int perSecond) {
    return Duration.ofNanos(count * (1_000_000_000L / perSecond));
  }

  @Test
  void aLoneNodeSendsAtMostTheWholeLimit() throws Exception {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    assertThat(timeOf(rate, 24)).isGreaterThanOrEqualTo(atLeast(24, LIMIT));
  }

  @Test
  void withTwoNodesEachSendsAtMostHalf() throws Exception {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    rate.shareWith(2);
    assertThat(timeOf(rate, 12)).isGreaterThanOrEqualTo(atLeast(12, LIMIT / 2));
  }

  @Test
  void theNodesTogetherStayUnderTheLimitInAnyOneSecondWindowWhateverTheirPhases() {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    for (int nodes = 2; nodes <= 6; nodes++) {
      rate.shareWith(nodes);
      // evenly spaced, a node's requests fall at most one more than its rate into any window
      assertThat(nodes * (Math.floor(rate.share()) + 1))
          .as("%d nodes", nodes)
          .isLessThanOrEqualTo(LIMIT + 1.0)
          .isLessThan(DISCORD_LIMIT);
    }
    rate.shareWith(1);
    assertThat(rate.share()).isEqualTo(LIMIT);
  }

  @Test
  void theShareFollowsTheLiveNodesBothWays() throws Exception {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    rate.shareWith(3);
    Duration third = timeOf(rate, 8);
    rate.shareWith(1);
    Duration whole = timeOf(rate, 8);

    assertThat(third).isGreaterThanOrEqualTo(atLeast(8, LIMIT / 3));
    // the same requests take about three times as long as with the whole limit
    assertThat(third.toNanos()).isGreaterThan(2 * whole.toNanos());
  }

  @Test
  void moreNodesThanRequestsPerSecondStillLetEachNodeSendOnePerSecond() throws Exception {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    rate.shareWith(100);
    assertThat(timeOf(rate, 1)).isGreaterThanOrEqualTo(atLeast(1, 1));
  }
}
