package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Secret;
import dev.orrery.feed.NormalizedEntry;
import dev.orrery.store.Admission;
import dev.orrery.store.ChannelWebhook;
import dev.orrery.store.Closure;
import dev.orrery.store.Database;
import dev.orrery.store.Delivery;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.DigestSchedule;
import dev.orrery.store.DigestStore;
import dev.orrery.store.Entry;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.FeedUpdate;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.store.WebhookStore;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A bot's database as the real stores leave it, with a row in every state a migration must carry:
 * feeds polled, failing and paused; subscriptions plain and customised; deliveries pending, held,
 * skipped, sent and failed; a digest; a webhook; a node and its shard lease.
 */
final class MigrationSample {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  static final long PLAIN_CHANNEL = 10;
  static final long SHAPED_CHANNEL = 11;

  final Database db;
  final FeedStore feeds;
  final EntryStore entries;
  final SubscriptionStore subscriptions;
  final DeliveryStore deliveries;
  final DigestStore digests;
  final WebhookStore webhooks;

  MigrationSample(Database db) {
    this.db = db;
    this.feeds = new FeedStore(db);
    // two per poll: a third new entry is skipped over the cap
    this.entries = new EntryStore(db, 2, Admission.EVERYTHING, false);
    this.subscriptions = new SubscriptionStore(db);
    this.deliveries = new DeliveryStore(db);
    this.digests = new DigestStore(db);
    this.webhooks = new WebhookStore(db);
  }

  /** Fills the database through the stores, as a running bot would. */
  void fill() {
    Feed news = feeds.findOrCreate("https://example.org/news.xml", T0);
    Feed gone = feeds.findOrCreate("https://example.org/gone.xml", T0);
    entries.recordRefresh(news.id(), update(T0), List.of(entry("old", T0.minusSeconds(60))), T0);
    Subscription plain =
        subscriptions.create(1, PLAIN_CHANNEL, news.id(), 77L, 5L, T0.plusSeconds(1)).orElseThrow();
    Subscription shaped =
        subscriptions
            .create(
                1,
                SHAPED_CHANNEL,
                news.id(),
                null,
                new Subscription.Settings(
                    "title:rust",
                    "**{{title}}**",
                    false,
                    new Subscription.Appearance("Rusty", "https://example.org/rusty.png"),
                    new DigestSchedule(
                        DigestSchedule.Every.WEEKLY,
                        LocalTime.of(9, 30),
                        ZoneId.of("Europe/Paris"),
                        T0)),
                6L,
                T0.plusSeconds(2))
            .orElseThrow();
    Subscription paused =
        subscriptions.create(2, 12, gone.id(), null, null, T0.plusSeconds(3)).orElseThrow();
    subscriptions.pause(paused.id(), "missing access");
    Instant later = T0.plusSeconds(600);
    entries.recordRefresh(
        news.id(),
        update(later),
        IntStream.range(0, 4).mapToObj(i -> entry("new-" + i, later.minusSeconds(i))).toList(),
        later);
    List<Delivery> due = deliveries.dueForDiscord(later.plusSeconds(1), 10);
    assertThat(due).as("the plain channel's two under the cap").hasSize(2);
    assertThat(deliveries.claim(due.get(0).deliveryId(), "node-1", later.plusSeconds(2))).isTrue();
    deliveries.markSent(due.get(0).deliveryId(), 9001L, later.plusSeconds(3));
    deliveries.markFailed(due.get(1).deliveryId(), "Discord answered 403");
    Closure closed = digests.close(shaped.id(), later.plusSeconds(60), later.plusSeconds(61));
    assertThat(closed).isInstanceOf(Closure.Made.class);
    digests.markSent(((Closure.Made) closed).digestId(), 9100L, Map.of(), later.plusSeconds(62));
    // after the digest: one entry pending for the plain channel, one held for the next digest
    Instant latest = later.plusSeconds(600);
    entries.recordRefresh(news.id(), update(latest), List.of(entry("new-4", latest)), latest);
    Delivery pending = deliveries.dueForDiscord(latest, 10).get(0);
    deliveries.retryLater(pending.deliveryId(), "Discord answered 503", latest.plusSeconds(30));
    feeds.recordFailure(gone.id(), later, "HTTP 410 Gone", later.plusSeconds(3600));
    feeds.pause(gone.id(), "HTTP 410 Gone: the feed was removed", later);
    webhooks.save(
        new ChannelWebhook(SHAPED_CHANNEL, 555L, new Secret("webhook-token"), T0.plusSeconds(4)));
    db.withConnection(
        "add a node and its lease",
        c -> {
          try (PreparedStatement node =
                  c.prepareStatement("INSERT INTO nodes VALUES ('node-a', 1000, 2000)");
              PreparedStatement lease =
                  c.prepareStatement("INSERT INTO shard_leases VALUES (0, 'node-a', 3000)")) {
            return node.executeUpdate() + lease.executeUpdate();
          }
        });
  }

  /** A poll that finds {@code count} more entries of the news feed at once. */
  void discover(int count) {
    Feed news = feeds.findByUrl("https://example.org/news.xml").orElseThrow();
    Instant at = T0.plusSeconds(7200);
    entries.recordRefresh(
        news.id(),
        update(at),
        IntStream.range(0, count).mapToObj(i -> entry("burst-" + i, at.minusSeconds(i))).toList(),
        at);
  }

  /** Everything the stores read, table by table, in a form two databases can be compared in. */
  Map<String, Object> readBack() {
    List<Feed> allFeeds =
        List.of(
            feeds.findByUrl("https://example.org/news.xml").orElseThrow(),
            feeds.findByUrl("https://example.org/gone.xml").orElseThrow());
    List<Subscription> allSubscriptions = subscriptions.all();
    List<Entry> allEntries = entries.latest(allFeeds.get(0).id(), 100);
    List<Object> fates =
        allSubscriptions.stream()
            .flatMap(
                s ->
                    allEntries.stream()
                        .map(e -> List.of(s.id(), e.id(), deliveries.fate(s.id(), e.id()))))
            .map(Object.class::cast)
            .toList();
    return Map.of(
        "feeds",
        allFeeds,
        "entries",
        allEntries,
        "subscriptions",
        allSubscriptions,
        "deliveries",
        fates,
        "delivery states",
        List.of("pending", "held", "skipped", "sent", "failed").stream()
            .map(deliveries::count)
            .toList(),
        "digests",
        allSubscriptions.stream().map(s -> digests.forSubscription(s.id())).toList(),
        "webhooks",
        webhooks.find(SHAPED_CHANNEL).orElseThrow());
  }

  private static FeedUpdate update(Instant nextPoll) {
    return new FeedUpdate(
        "Example News",
        "https://example.org/",
        "\"etag-1\"",
        "Fri, 01 May 2026 10:00:00 GMT",
        "hash",
        nextPoll,
        "https://example.org/logo.png",
        null,
        null,
        null);
  }

  private static NormalizedEntry entry(String key, Instant published) {
    return new NormalizedEntry(
        key,
        "Rust news " + key,
        "https://example.org/" + key,
        "Ada",
        "Summary of **" + key + "**",
        "https://example.org/" + key + ".png",
        published,
        "urn:" + key,
        List.of("rust", "news"));
  }
}
