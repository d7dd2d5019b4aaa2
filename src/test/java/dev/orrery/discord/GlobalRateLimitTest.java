package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cap on requests per window and its split among nodes. Sleeping is the cap's job, so these
 * look only at lower bounds: it never lets more through than its share, however fast the machine.
 */
class GlobalRateLimitTest {
  static final int LIMIT = 49;

  /** Discord's global limit: requests per second for the bot's token. */
  static final int DISCORD_LIMIT = 50;

  /** How long {@code count} requests take, each sent as soon as it may be. */
  static Duration timeOf(GlobalRateLimit rate, int count) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      GlobalRateLimit.Permit permit = rate.acquire();
      rate.sending(permit);
      rate.release(permit);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void aLoneNodeSendsAtMostTheWholeLimitInAWindow() throws Exception {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    assertThat(timeOf(rate, LIMIT + 1)).isGreaterThanOrEqualTo(GlobalRateLimit.WINDOW);
  }

  @Test
  void withTwoNodesEachSendsAtMostHalf() throws Exception {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    rate.shareWith(2);
    assertThat(rate.share()).isEqualTo(LIMIT / 2);
    assertThat(timeOf(rate, LIMIT / 2 + 1)).isGreaterThanOrEqualTo(GlobalRateLimit.WINDOW);
  }

  @Test
  void theNodesTogetherStayUnderTheLimitInAnyOneSecondWindowWhateverTheirPhases() {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    assertThat(GlobalRateLimit.WINDOW).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    for (int nodes = 1; nodes <= 6; nodes++) {
      rate.shareWith(nodes);
      // each node's sends in any window of ours, so in any of Discord's shorter ones
      assertThat(nodes * rate.share())
          .as("%d nodes", nodes)
          .isLessThanOrEqualTo(LIMIT)
          .isLessThan(DISCORD_LIMIT);
    }
    rate.shareWith(1);
    assertThat(rate.share()).isEqualTo(LIMIT);
  }

  @Test
  void theShareFollowsTheLiveNodesBothWays() throws Exception {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    rate.shareWith(3);
    assertThat(rate.share()).isEqualTo(LIMIT / 3);
    assertThat(timeOf(rate, LIMIT / 3 + 1)).isGreaterThanOrEqualTo(GlobalRateLimit.WINDOW);
    rate.shareWith(1);
    assertThat(rate.share()).isEqualTo(LIMIT);
  }

  @Test
  void moreNodesThanRequestsPerSecondStillLetEachNodeSendOnePerWindow() throws Exception {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    rate.shareWith(100);
    assertThat(rate.share()).isEqualTo(1);
    assertThat(timeOf(rate, 2)).isGreaterThanOrEqualTo(GlobalRateLimit.WINDOW);
  }

  @Test
  void aPermitWhoseRequestHasNotLeftHoldsItsPlace() throws Exception {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    rate.shareWith(100); // one request per window
    GlobalRateLimit.Permit slow = rate.acquire();
    CountDownLatch next = new CountDownLatch(1);
    Thread waiter = acquiring(rate, next);

    // the first request's thread is held up before it writes: the second may not go meanwhile
    assertThat(next.await(500, TimeUnit.MILLISECONDS)).isFalse();
    long sent = System.nanoTime();
    rate.sending(slow);
    assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - sent))
        .isGreaterThanOrEqualTo(GlobalRateLimit.WINDOW);
    waiter.join();
  }

  @Test
  void aPermitGivenBackUnsentLetsTheNextGoAtOnce() throws Exception {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    rate.shareWith(100);
    GlobalRateLimit.Permit failed = rate.acquire();
    CountDownLatch next = new CountDownLatch(1);
    Thread waiter = acquiring(rate, next);

    rate.release(failed);
    assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
    waiter.join();
  }

  @Test
  void aGlobal429PausesEveryRequestForItsRetryAfter() throws Exception {
    GlobalRateLimit rate = new GlobalRateLimit(LIMIT);
    rate.pause(Duration.ofMillis(700));
    assertThat(timeOf(rate, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
  }

  /** A thread, started, that takes a permit and then counts {@code acquired} down. */
  private static Thread acquiring(GlobalRateLimit rate, CountDownLatch acquired) {
    Thread waiter =
        new Thread(
            () -> {
              try {
                rate.acquire();
                acquired.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    waiter.start();
    return waiter;
  }
}
