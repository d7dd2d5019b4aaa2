package dev.orrery.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code orrery status --json}: the report as one JSON document, every field of every feed, times
 * as ISO-8601 instants and durations in seconds. The field names are documented in the README:
 * scripts rely on them.
 */
final class StatusJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  static String of(StatusReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("generated_at", report.now().toString());
    root.set("totals", totals(report));
    ArrayNode feeds = root.putArray("feeds");
    for (StatusReport.Row row : report.feeds()) {
      feeds.add(feed(row, report.now()));
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static ObjectNode totals(StatusReport report) {
    StatusReport.Totals totals = report.totals();
    ObjectNode node = JSON.createObjectNode();
    node.put("feeds", totals.feeds());
    ObjectNode byState = node.putObject("feeds_by_state");
    for (StatusReport.State state : StatusReport.State.values()) {
      byState.put(state.word(), totals.count(state));
    }
    node.put("subscriptions", totals.subscriptions());
    node.put("pending_deliveries", totals.pending());
    node.put("oldest_pending_at", instant(totals.oldestPending()));
    node.put("oldest_pending_age_seconds", age(totals.oldestPending(), report.now()));
    return node;
  }

  private static ObjectNode feed(StatusReport.Row row, Instant now) {
    Feed f = row.feed();
    FeedStatus status = row.status();
    ObjectNode node = JSON.createObjectNode();
    node.put("id", f.id());
    node.put("url", f.url());
    node.put("fetch_url", f.fetchUrl());
    node.put("title", f.title());
    node.put("state", row.state().word());
    node.put("poll_interval_seconds", row.interval().every().toSeconds());
    node.put("poll_interval_reason", row.interval().reason());
    node.put("poll_interval_chosen", row.interval().chosen());
    node.put("ttl_seconds", seconds(f.ttl()));
    node.put("next_poll_at", instant(row.nextPoll()));
    node.put("last_polled_at", instant(f.lastPolledAt()));
    node.put("last_success_at", instant(f.lastSuccessAt()));
    node.put("last_new_entry_at", instant(f.lastNewAt()));
    node.put("last_error", f.lastError());
    node.put("error_count", f.errorCount());
    node.put("failing_since", instant(f.failingSince()));
    node.put("paused_reason", f.pausedReason());
    node.put("paused_at", instant(f.pausedAt()));
    node.put("subscription_count", status.subscriptionCount());
    ArrayNode channels = node.putArray("subscriptions");
    for (FeedStatus.Channel channel : status.channels()) {
      ObjectNode c = channels.addObject();
      // Discord ids as strings, as Discord writes them: beyond what a double holds exactly
      c.put("channel_id", channel.console() ? null : Long.toString(channel.channelId()));
      c.put("guild_id", channel.console() ? null : Long.toString(channel.guildId()));
      c.put("console", channel.console());
      c.put("paused_reason", channel.pausedReason());
    }
    node.put("pending_deliveries", status.pending());
    node.put("oldest_pending_at", instant(status.oldestPending()));
    node.put("oldest_pending_age_seconds", age(status.oldestPending(), now));
    return node;
  }

  private static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Long seconds(Duration duration) {
    return duration == null ? null : duration.toSeconds();
  }

  private static Long age(Instant since, Instant now) {
    return since == null ? null : Math.max(0, Duration.between(since, now).toSeconds());
  }
}
