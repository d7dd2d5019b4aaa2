package dev.orrery.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compiled filters of the expressions used most recently, so a refresh that tests thousands of
 * subscriptions compiles each expression once. Safe to share between threads.
 */
public final class FilterCache {
  public static final int DEFAULT_CAPACITY = 10_000;

  private final Map<String, Filter> filters;

  public FilterCache() {
    this(DEFAULT_CAPACITY);
  }

  /** A cache that forgets the least recently used expression past {@code capacity} of them. */
  public FilterCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.filters =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Filter> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The filter for {@code expression}, compiled now or earlier; refusals are not remembered.
   *
   * @throws FilterException as {@link Filter#parse} does
   */
  public Filter get(String expression) throws FilterException {
    synchronized (filters) {
      Filter cached = filters.get(expression);
      if (cached != null) {
        return cached;
      }
    }
    // Compiled outside the lock so other threads read the cache meanwhile; a race compiles twice.
    Filter compiled = Filter.parse(expression);
    synchronized (filters) {
      Filter raced = filters.putIfAbsent(expression, compiled);
      return raced != null ? raced : compiled;
    }
  }

  /** How many expressions are remembered. */
  public int size() {
    synchronized (filters) {
      return filters.size();
    }
  }
}
