package dev.orrery.store;

import static dev.orrery.store.StoreFixture.T0;
import static dev.orrery.store.StoreFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.feed.NormalizedEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What a refresh queues for each subscription: pending, held for a digest, or skipped and why. */
@ParameterizedClass
@EnumSource(Dialect.class)
class DeliveryPlanTest {
  @Parameter Dialect dialect;

  /** Stops entries whose title holds "skip", and compares links without their query. */
  static final Admission TITLES_WITHOUT_SKIP =
      new Admission() {
        @Override
        public String refusal(Subscription subscription, Entry entry) {
          return subscription.filter() != null && entry.title().contains("skip")
              ? "stopped by the filter " + subscription.filter()
              : null;
        }

        @Override
        public String storyLink(String url) {
          return url == null ? null : url.replaceFirst("\\?.*", "");
        }
      };

  @TempDir Path dir;
  Database db;
  FeedStore feeds;
  SubscriptionStore subscriptions;
  DeliveryStore deliveries;

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
    feeds = new FeedStore(db);
    subscriptions = new SubscriptionStore(db);
    deliveries = new DeliveryStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static NormalizedEntry entry(String key, String title, String url, String guid, Instant at) {
    return new NormalizedEntry(key, title, url, null, "", null, at, guid, List.of("news", "web"));
  }

  Feed polledFeed(String url) {
    Feed feed = feeds.findOrCreate(url, T0);
    store(true).recordRefresh(feed.id(), update(T0), List.of(), T0);
    return feed;
  }

  EntryStore store(boolean onePostPerStory) {
    return new EntryStore(db, 5, TITLES_WITHOUT_SKIP, onePostPerStory);
  }

  Entry only(RefreshRecord record) {
    assertThat(record.inserted()).hasSize(1);
    return record.inserted().get(0);
  }

  @Test
  void anEntryTheFilterStopsIsSkippedWithTheReasonAndOthersArePending() {
    Feed feed = polledFeed("https://a.example/rss");
    Subscription filtered =
        subscriptions
            .create(1, 10, feed.id(), null, Subscription.Settings.filtered("-skip"), null, T0)
            .orElseThrow();
    Subscription plain = subscriptions.create(1, 11, feed.id(), null, null, T0).orElseThrow();
    Instant now = T0.plusSeconds(60);
    RefreshRecord record =
        store(true)
            .recordRefresh(
                feed.id(),
                update(now),
                List.of(
                    entry("1", "please skip me", "https://a.example/1", null, now),
                    entry("2", "keep me", "https://a.example/2", null, now.plusSeconds(1))),
                now);
    Entry skipped = record.inserted().get(0);
    Entry kept = record.inserted().get(1);
    assertThat(deliveries.fate(filtered.id(), skipped.id()))
        .contains(new DeliveryStore.Fate("skipped", "stopped by the filter -skip"));
    assertThat(deliveries.fate(filtered.id(), kept.id()))
        .contains(new DeliveryStore.Fate("pending", null));
    assertThat(deliveries.fate(plain.id(), skipped.id()))
        .contains(new DeliveryStore.Fate("pending", null));
    assertThat(record.pending()).isEqualTo(3);
    assertThat(record.skipped()).isEqualTo(1);
  }

  @Test
  void aStoryAChannelHasFromOneSourceIsSkippedFromTheOtherNamingTheFirst() {
    Feed python = polledFeed("https://planetpython.example/rss");
    Feed django = polledFeed("https://django.example/rss");
    subscriptions.create(1, 10, python.id(), null, null, T0);
    Subscription second = subscriptions.create(1, 10, django.id(), null, null, T0).orElseThrow();
    Subscription elsewhere = subscriptions.create(1, 11, django.id(), null, null, T0).orElseThrow();
    Instant now = T0.plusSeconds(60);
    store(true)
        .recordRefresh(
            python.id(),
            new FeedUpdate("Planet Python", null, null, null, "h", now, null, null, null, null),
            List.of(entry("p1", "Story", "https://blog.example/story", null, now)),
            now);
    Entry again =
        only(
            store(true)
                .recordRefresh(
                    django.id(),
                    update(now),
                    List.of(entry("d1", "Story", "https://blog.example/story?utm=x", null, now)),
                    now.plusSeconds(5)));
    assertThat(deliveries.fate(second.id(), again.id()))
        .contains(
            new DeliveryStore.Fate("skipped", "already posted in this channel from Planet Python"));
    // another channel never had it
    assertThat(deliveries.fate(elsewhere.id(), again.id()))
        .contains(new DeliveryStore.Fate("pending", null));
  }

  @Test
  void aGuidNamesTheSameStoryWhenItIsAUriButNotWhenItIsAPlainNumber() {
    Feed one = polledFeed("https://one.example/rss");
    Feed two = polledFeed("https://two.example/rss");
    subscriptions.create(1, 10, one.id(), null, null, T0);
    Subscription s2 = subscriptions.create(1, 10, two.id(), null, null, T0).orElseThrow();
    Instant now = T0.plusSeconds(60);
    store(true)
        .recordRefresh(
            one.id(),
            update(now),
            List.of(
                entry(
                    "tag:blog.example,2026:7",
                    "A",
                    "https://one.example/a",
                    "tag:blog.example,2026:7",
                    now),
                entry("42", "B", "https://one.example/b", "42", now)),
            now);
    RefreshRecord record =
        store(true)
            .recordRefresh(
                two.id(),
                update(now),
                List.of(
                    entry(
                        "tag:blog.example,2026:7",
                        "A",
                        "https://two.example/a",
                        "tag:blog.example,2026:7",
                        now),
                    entry("42", "C", "https://two.example/c", "42", now)),
                now);
    assertThat(record.inserted())
        .extracting(e -> deliveries.fate(s2.id(), e.id()).orElseThrow().state())
        .containsExactlyInAnyOrder("skipped", "pending");
    Entry numbered =
        record.inserted().stream().filter(e -> e.key().equals("42")).findFirst().orElseThrow();
    assertThat(deliveries.fate(s2.id(), numbered.id()).orElseThrow().state()).isEqualTo("pending");
  }

  @Test
  void aStoryOlderThanThirtyDaysOrWithTheSettingOffIsPostedAgain() {
    Feed one = polledFeed("https://one.example/rss");
    Feed two = polledFeed("https://two.example/rss");
    Feed three = polledFeed("https://three.example/rss");
    subscriptions.create(1, 10, one.id(), null, null, T0);
    Subscription s2 = subscriptions.create(1, 10, two.id(), null, null, T0).orElseThrow();
    Subscription s3 = subscriptions.create(1, 10, three.id(), null, null, T0).orElseThrow();
    Instant now = T0.plusSeconds(60);
    store(true)
        .recordRefresh(
            one.id(),
            update(now),
            List.of(entry("x", "X", "https://blog.example/x", null, now)),
            now);
    Instant later = now.plus(EntryStore.STORY_MEMORY).plus(Duration.ofMinutes(1));
    Entry late =
        only(
            store(true)
                .recordRefresh(
                    two.id(),
                    update(later),
                    List.of(entry("x", "X", "https://blog.example/x", null, later)),
                    later));
    assertThat(deliveries.fate(s2.id(), late.id()).orElseThrow().state()).isEqualTo("pending");
    Entry unchecked =
        only(
            store(false)
                .recordRefresh(
                    three.id(),
                    update(later),
                    List.of(entry("x", "X", "https://blog.example/x", null, later)),
                    later));
    assertThat(deliveries.fate(s3.id(), unchecked.id()).orElseThrow().state()).isEqualTo("pending");
  }

  @Test
  void aDigestSubscriptionHoldsEveryEntryWithoutTheBurstCap() {
    Feed feed = polledFeed("https://a.example/rss");
    Subscription s = subscriptions.create(1, 10, feed.id(), null, null, T0).orElseThrow();
    subscriptions.setDigest(
        s.id(),
        new DigestSchedule(
            DigestSchedule.Every.DAILY, LocalTime.of(9, 0), ZoneId.of("Europe/Paris"), T0));
    Instant now = T0.plusSeconds(60);
    List<NormalizedEntry> eight = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      eight.add(entry("k" + i, "E" + i, "https://a.example/" + i, null, now.plusSeconds(i)));
    }
    RefreshRecord record = store(true).recordRefresh(feed.id(), update(now), eight, now);
    assertThat(record.inserted())
        .allSatisfy(
            e ->
                assertThat(deliveries.fate(s.id(), e.id()))
                    .contains(new DeliveryStore.Fate("held", null)));
    assertThat(record.pending()).isEqualTo(8);
    assertThat(deliveries.dueForDiscord(now.plusSeconds(60), 100)).isEmpty();
  }

  @Test
  void categoriesAndTheFeedImageAreStoredAndReadBack() {
    Feed feed = polledFeed("https://a.example/rss");
    Instant now = T0.plusSeconds(60);
    store(true)
        .recordRefresh(
            feed.id(),
            new FeedUpdate(
                "A", null, null, null, "h", now, "https://a.example/icon.png", null, null, null),
            List.of(entry("1", "One", "https://a.example/1", null, now)),
            now);
    assertThat(
            new EntryStore(db, 5, Admission.EVERYTHING, true)
                .latest(feed.id(), 1)
                .get(0)
                .categories())
        .containsExactly("news", "web");
    assertThat(feeds.find(feed.id()).orElseThrow().imageUrl())
        .isEqualTo("https://a.example/icon.png");
  }
}
