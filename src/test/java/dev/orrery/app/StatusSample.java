package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription;
import dev.orrery.testing.FeedServer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * A database as a bot leaves it, for {@code orrery status} to read: a feed polled fine with two
 * channels and entries waiting for one of them, a feed whose server fails, a paused feed, and a
 * feed no channel wants any more.
 */
final class StatusSample {
  static final String PAUSED_REASON = "HTTP 410 Gone: the feed was removed";

  final String ok;
  final String failing;
  final String paused;
  final String unwatched;

  private StatusSample(FeedServer server) {
    server.serveResource("/ok.xml", "/fixtures/feeds/2026-04-22/planet-python.rss.xml");
    server.respond("/down.xml", 500, "down", Map.of());
    ok = server.url("/ok.xml").toString();
    failing = server.url("/down.xml").toString();
    paused = server.url("/gone.xml").toString();
    unwatched = server.url("/unwatched.xml").toString();
  }

  /** Writes the sample through the bot's own feed side, polling the two live feeds once. */
  static StatusSample write(Config config, FeedServer server) {
    StatusSample sample = new StatusSample(server);
    Instant now = Instant.now();
    try (FeedSide side = new FeedSide(config, InstantSource.system())) {
      Feed ok = side.feeds.findOrCreate(sample.ok, now);
      Feed failing = side.feeds.findOrCreate(sample.failing, now);
      Feed paused = side.feeds.findOrCreate(sample.paused, now);
      side.feeds.findOrCreate(sample.unwatched, now);
      Subscription waiting = side.subscriptions.create(900, 1001, ok.id(), null, null, now).get();
      side.subscriptions.create(900, 1002, ok.id(), null, null, now);
      side.subscriptions.create(901, 2001, failing.id(), null, null, now);
      Subscription stopped =
          side.subscriptions.create(900, 1001, paused.id(), null, null, now).get();
      side.subscriptions.pause(stopped.id(), "the bot may not see the channel");
      assertThat(side.refresher.refresh(ok)).isInstanceOf(RefreshOutcome.Updated.class);
      assertThat(side.refresher.refresh(failing)).isInstanceOf(RefreshOutcome.Failed.class);
      side.feeds.pause(paused.id(), PAUSED_REASON, now);
      // what a poll that chose this interval leaves in the row, whatever the fixture's own pace
      side.database.withConnection(
          "choose an interval",
          c -> {
            try (var update =
                c.prepareStatement(
                    "UPDATE feeds SET poll_interval_seconds = 240, poll_interval_reason = 'posts"
                        + " about every 20 min', next_poll_at = ? WHERE id = ?")) {
              update.setLong(1, now.plus(Duration.ofMinutes(4)).toEpochMilli());
              update.setLong(2, ok.id());
              return update.executeUpdate();
            }
          });
      assertThat(side.deliveries.backfill(waiting, 2, now)).isEqualTo(2);
    }
    return sample;
  }
}
