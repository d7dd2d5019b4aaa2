package dev.orrery.metrics;

import dev.orrery.store.Census;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Gauges read from the database at each scrape: feeds by state ({@code orrery_feeds}), pending
 * deliveries ({@code orrery_deliveries_pending}) and how long the oldest has waited ({@code
 * orrery_deliveries_oldest_pending_age_seconds}). A database that does not answer reads as NaN.
 */
final class StoreGauges {
  private StoreGauges() {}

  static void register(MeterRegistry registry, Census census, InstantSource clock) {
    feeds(registry, census, "watched", feeds -> feeds.watched());
    feeds(registry, census, "failing", feeds -> feeds.failing());
    feeds(registry, census, "paused", feeds -> feeds.paused());
    Gauge.builder("orrery.deliveries.pending", census, Census::pendingDeliveries)
        .description("Deliveries waiting to be posted")
        // held by nothing else: a weak reference would read NaN after the next GC
        .strongReference(true)
        .register(registry);
    TimeGauge.builder(
            "orrery.deliveries.oldest.pending.age",
            census,
            TimeUnit.MILLISECONDS,
            c -> age(c, clock))
        .description("How long the oldest delivery waiting to be posted has waited; 0 when none")
        .strongReference(true)
        .register(registry);
  }

  private static void feeds(
      MeterRegistry registry, Census census, String state, ToDoubleFunction<Census.Feeds> count) {
    Gauge.builder("orrery.feeds", census, c -> count.applyAsDouble(c.feeds()))
        .description("Feeds the channels want: watched (polled; failing among them) or paused")
        .tag("state", state)
        .strongReference(true)
        .register(registry);
  }

  private static double age(Census census, InstantSource clock) {
    return census
        .oldestPending()
        .map(queued -> Math.max(0, Duration.between(queued, clock.instant()).toMillis()))
        .orElse(0L);
  }
}
