package dev.orrery.metrics;

import dev.orrery.discord.DiscordReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Counts what the Discord side reports: REST requests ({@code orrery_discord_requests_total}), 429s
 * by scope ({@code orrery_discord_rate_limits_total}), deliveries by outcome ({@code
 * orrery_deliveries_total}) and slash commands by name and outcome ({@code orrery_commands_total}).
 */
final class DiscordMeters implements DiscordReport {
  /** The command label of a name the bot does not know, so no stray name makes a series. */
  static final String OTHER_COMMAND = "other";

  private final MeterRegistry registry;
  private final Counter requests;

  DiscordMeters(MeterRegistry registry) {
    this.registry = registry;
    this.requests =
        Counter.builder("orrery.discord.requests")
            .description("REST requests sent to Discord, retries included")
            .register(registry);
    // every series from the start, at 0, so a rate over them needs no first event
    for (RateLimit scope : RateLimit.values()) {
      rateLimits(scope);
    }
    for (Delivery outcome : Delivery.values()) {
      deliveries(outcome);
    }
  }

  @Override
  public void request() {
    requests.increment();
  }

  @Override
  public void rateLimited(RateLimit scope) {
    rateLimits(scope).increment();
  }

  @Override
  public void delivered(Delivery outcome) {
    deliveries(outcome).increment();
  }

  @Override
  public void command(String name, Command outcome) {
    Counter.builder("orrery.commands")
        .description("Slash commands, by name and how they ended")
        .tag("command", outcome == Command.UNKNOWN ? OTHER_COMMAND : name)
        .tag("outcome", label(outcome))
        .register(registry)
        .increment();
  }

  private Counter rateLimits(RateLimit scope) {
    return Counter.builder("orrery.discord.rate.limits")
        .description("Discord's 429 answers, by the limit they were for")
        .tag("scope", label(scope))
        .register(registry);
  }

  private Counter deliveries(Delivery outcome) {
    return Counter.builder("orrery.deliveries")
        .description("Posts of entries to channels, by how they settled")
        .tag("outcome", label(outcome))
        .register(registry);
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
