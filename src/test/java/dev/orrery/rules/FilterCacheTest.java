package dev.orrery.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The cache compiles each expression once and forgets the least recently used past its size. */
class FilterCacheTest {
  @Test
  void anExpressionIsCompiledOnce() throws Exception {
    FilterCache cache = new FilterCache();

    Filter first = cache.get("django OR flask");

    assertThat(cache.get("django OR flask")).isSameAs(first);
    assertThat(first.expression()).isEqualTo("django OR flask");
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void theLeastRecentlyUsedExpressionIsForgottenPastTheCapacity() throws Exception {
    FilterCache cache = new FilterCache(2);
    Filter a = cache.get("a");
    Filter b = cache.get("b");
    cache.get("a");

    cache.get("c");

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("a")).isSameAs(a);
    assertThat(cache.get("b")).isNotSameAs(b);
  }

  @Test
  void aRefusalIsThrownEachTimeAndNotKept() {
    FilterCache cache = new FilterCache();

    assertThatThrownBy(() -> cache.get("django OR")).isInstanceOf(FilterException.class);
    assertThatThrownBy(() -> cache.get("django OR"))
        .hasMessage("OR needs a term on both sides at 8");
    assertThat(cache.size()).isZero();
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThatThrownBy(() -> new FilterCache(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be at least 1, not 0");
  }
}
