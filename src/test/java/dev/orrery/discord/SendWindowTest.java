package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sliding window of send times, on a simulated clock: counts only, no sleeping. */
class SendWindowTest {
  private static final long MS = 1_000_000L;
  private static final Duration WINDOW = Duration.ofSeconds(1);
  private static final int PERMITS = 5;

  @Test
  void afterItsPermitsTheNextWaitsUntilTheOldestSendLeavesTheWindow() {
    SendWindow window = new SendWindow(WINDOW);
    for (int i = 0; i < PERMITS; i++) {
      assertThat(window.tryTake(100 * MS + i * MS, PERMITS)).isZero();
      window.sending(100 * MS + i * MS, true);
    }

    assertThat(window.tryTake(300 * MS, PERMITS)).isEqualTo(800 * MS);
    assertThat(window.tryTake(1_100 * MS, PERMITS)).isZero();
    assertThat(window.tryTake(1_100 * MS, PERMITS)).isEqualTo(MS);
  }

  @Test
  void aPermitNotYetSentHoldsItsPlaceUntilSentOrGivenBack() {
    SendWindow window = new SendWindow(WINDOW);
    for (int i = 0; i < PERMITS; i++) {
      assertThat(window.tryTake(0, PERMITS)).isZero();
    }

    // however long the requests take to leave, nothing more goes
    assertThat(window.tryTake(60_000 * MS, PERMITS)).isEqualTo(SendWindow.UNTIL_NOTIFIED);
    window.release();
    assertThat(window.tryTake(60_000 * MS, PERMITS)).isZero();
    window.sending(60_001 * MS, true);
    assertThat(window.tryTake(60_002 * MS, PERMITS)).isEqualTo(999 * MS);
  }

  @Test
  void aSecondAttemptWithoutAPermitStillCounts() {
    SendWindow window = new SendWindow(WINDOW);
    window.tryTake(0, 2);
    window.sending(0, true);
    window.sending(10 * MS, false);

    assertThat(window.tryTake(20 * MS, 2)).isPositive();
  }

  /**
   * Sixty senders with more work than the permits allow, each waiting a random time between its
   * permit and the wire (a thread waiting for a CPU): the send times, not the permits' times, keep
   * to the permits in every window wherever it starts.
   */
  @Test
  void sendsHeldUpBetweenPermitAndWireNeverBunchPastThePermits() {
    Random random = new Random(42);
    SendWindow window = new SendWindow(WINDOW);
    int permits = 49;
    long delayUpTo = 300 * MS;
    // senders ready to ask, by the time they are ready; and sends due, by their time
    PriorityQueue<long[]> ready = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    PriorityQueue<Long> due = new PriorityQueue<>();
    for (int sender = 0; sender < 60; sender++) {
      ready.add(new long[] {random.nextInt(50) * MS});
    }
    List<Long> sends = new ArrayList<>();
    for (long now = 0; now < 8_000 * MS; now += MS / 4) {
      while (!due.isEmpty() && due.peek() <= now) {
        due.poll();
        window.sending(now, true);
        sends.add(now);
        ready.add(new long[] {now + random.nextInt(20) * MS});
      }
      while (!ready.isEmpty() && ready.peek()[0] <= now && window.tryTake(now, permits) == 0) {
        ready.poll();
        due.add(now + (long) (random.nextDouble() * delayUpTo));
      }
    }

    assertThat(sends).hasSizeGreaterThan(6 * permits);
    for (int i = 0; i + permits < sends.size(); i++) {
      assertThat(sends.get(i + permits) - sends.get(i))
          .as("send %d and send %d", i, i + permits)
          .isGreaterThanOrEqualTo(WINDOW.toNanos());
    }
  }
}
