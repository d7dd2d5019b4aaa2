package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.PollRhythm;
import dev.orrery.store.Database;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A line of {@code /subscriptions}, from the feed's row as the polls leave it. */
class SubscriptionsLineTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  @TempDir Path dir;
  Database db;
  FeedStore feeds;
  SubscriptionStore subscriptions;
  SubscriptionsCommand command;
  Feed feed;
  Subscription subscription;

  @BeforeEach
  void open() {
    db = Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 2));
    feeds = new FeedStore(db);
    subscriptions = new SubscriptionStore(db);
    // poll.interval 10 min, poll.min-interval 1 min, poll.max-interval 1 h
    command =
        new SubscriptionsCommand(
            subscriptions,
            feeds,
            new Catalogue(Map.of()),
            new PollRhythm(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1)));
    feed = feeds.findOrCreate("https://example.org/feed.xml", NOW);
    subscription = subscriptions.create(1, 10, feed.id(), null, null, NOW).orElseThrow();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aFeedQuietSinceItsLastNewPostShowsTheLongerIntervalItsPollsNowUse() throws Exception {
    String line = lineAfterPolls(NOW.minus(Duration.ofMinutes(30)));
    assertThat(line).contains(" · polled every 4 min: posts about every 20 min · ✅ ok");

    line = lineAfterPolls(NOW.minus(Duration.ofDays(2)));
    assertThat(line).contains(" · polled every 1 h: no new post for 2 days · ✅ ok");
  }

  /**
   * The line of a feed whose last read chose 4 min for posts about every 20 min, last polled now,
   * with its last new post at {@code lastNew}.
   */
  private String lineAfterPolls(Instant lastNew) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement polled =
            c.prepareStatement(
                "UPDATE feeds SET poll_interval_seconds = 240, poll_interval_reason = 'posts about"
                    + " every 20 min', last_polled_at = ?, last_success_at = ?, last_new_at = ?"
                    + " WHERE id = ?")) {
      polled.setLong(1, NOW.toEpochMilli());
      polled.setLong(2, NOW.toEpochMilli());
      polled.setLong(3, lastNew.toEpochMilli());
      polled.setLong(4, feed.id());
      assertThat(polled.executeUpdate()).isEqualTo(1);
    }
    return command.line(subscription, feeds.find(feed.id()).orElseThrow());
  }
}
