package dev.orrery.metrics;

import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.RefreshOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts and times the polls by outcome ({@code orrery_polls_total}, {@code
 * orrery_poll_duration_seconds}) and counts the entries they discovered ({@code
 * orrery_entries_discovered_total}).
 */
final class PollMeters implements FeedRefresher.Listener {
  /** What a poll came to, as the {@code outcome} label says it. */
  enum Outcome {
    UPDATED,
    UNCHANGED,
    DEFERRED,
    FAILED;

    static Outcome of(RefreshOutcome outcome) {
      if (outcome instanceof RefreshOutcome.Updated) {
        return UPDATED;
      }
      if (outcome instanceof RefreshOutcome.Unchanged) {
        return UNCHANGED;
      }
      return outcome instanceof RefreshOutcome.Deferred ? DEFERRED : FAILED;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<Outcome, Counter> polls = new EnumMap<>(Outcome.class);
  private final Map<Outcome, Timer> durations = new EnumMap<>(Outcome.class);
  private final Counter discovered;

  PollMeters(MeterRegistry registry) {
    for (Outcome outcome : Outcome.values()) {
      polls.put(
          outcome,
          Counter.builder("orrery.polls")
              .description("Feed polls, by what they came to")
              .tag("outcome", outcome.label())
              .register(registry));
      durations.put(
          outcome,
          Timer.builder("orrery.poll.duration")
              .description("How long a feed poll took: fetch, parse and store")
              .tag("outcome", outcome.label())
              // a few buckets that read well beside http.timeout (20s by default)
              .serviceLevelObjectives(
                  Duration.ofMillis(100),
                  Duration.ofMillis(250),
                  Duration.ofMillis(500),
                  Duration.ofSeconds(1),
                  Duration.ofMillis(2500),
                  Duration.ofSeconds(5),
                  Duration.ofSeconds(10),
                  Duration.ofSeconds(20))
              .register(registry));
    }
    discovered =
        Counter.builder("orrery.entries.discovered")
            .description("New entries found in feeds (a feed's first poll included)")
            .register(registry);
  }

  /** A first read of a new feed, which is not timed. */
  @Override
  public void refreshed(RefreshOutcome outcome) {
    Outcome kind = Outcome.of(outcome);
    polls.get(kind).increment();
    if (outcome instanceof RefreshOutcome.Updated updated) {
      discovered.increment(updated.record().inserted().size());
    }
  }

  @Override
  public void refreshed(RefreshOutcome outcome, Duration took) {
    refreshed(outcome);
    durations.get(Outcome.of(outcome)).record(took);
  }
}
