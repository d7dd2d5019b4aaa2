package dev.orrery.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapBudgetTest {
  /** Runtime.maxMemory() under the shipped -XX:+UseParallelGC -Xmx256m (a survivor space less). */
  static final long SHIPPED_HEAP = 257_425_408L;

  static final long MB = 1L << 20;

  @Test
  void theDefaultsFitTheShippedHeap() {
    HeapBudget shipped = new HeapBudget(SHIPPED_HEAP);
    assertThat(shipped.largestBody(4)).isGreaterThanOrEqualTo(5 * MB);
    assertThat(shipped.problem(5 * MB, 4)).isNull();
  }

  @Test
  void aCapTheHeapCannotParseIsRefusedWithTheLargestThatFits() {
    assertThat(new HeapBudget(SHIPPED_HEAP).problem(1L << 30, 4))
        .isEqualTo(
            "http.max-bytes = 1 GB is more than this process's heap (245 MB) can parse with"
                + " poll.threads = 4: at most 5 MB; lower http.max-bytes or poll.threads, or raise"
                + " -Xmx (it needs a heap of 45080 MB)");
  }

  @Test
  void eachPollThreadIsABodyMoreInHand() {
    HeapBudget heap = new HeapBudget(1L << 30);
    assertThat(heap.largestBody(2)).isBetween(2 * heap.largestBody(4), 2 * heap.largestBody(4) + 1);
    assertThat(heap.problem(40 * MB, 2)).isNull();
    assertThat(heap.problem(40 * MB, 4)).startsWith("http.max-bytes = 40 MB is more than");
  }

  @Test
  void aHeapSmallerThanTheRestOfTheProcessLeavesNoRoomForAnyBody() {
    HeapBudget tiny = new HeapBudget(16 * MB);
    assertThat(tiny.largestBody(1)).isZero();
    assertThat(tiny.problem(1024, 1))
        .isEqualTo(
            "http.max-bytes = 1 KB is more than this process's heap (16 MB) can parse with"
                + " poll.threads = 1: raise -Xmx (it needs a heap of 25 MB)");
  }
}
