package dev.orrery.rules;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orrery.feed.NormalizedEntry;
import dev.orrery.store.Database;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.DeliveryStore.Fate;
import dev.orrery.store.Dialect;
import dev.orrery.store.Entry;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.FeedUpdate;
import dev.orrery.store.RefreshRecord;
import dev.orrery.store.StoreFixture;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Subscription rules in the real refresh transaction, on a real SQLite file. */
@ParameterizedClass
@EnumSource(Dialect.class)
class SubscriptionRulesTest {
  @Parameter Dialect dialect;
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  @TempDir Path dir;
  Database db;
  EntryStore entries;
  SubscriptionStore subscriptions;
  DeliveryStore deliveries;
  Feed feed;
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  final Logger log = (Logger) LoggerFactory.getLogger(SubscriptionRules.class);

  @BeforeEach
  void open() {
    db = StoreFixture.open(dialect, dir);
    entries = new EntryStore(db, 5, new SubscriptionRules(), true);
    subscriptions = new SubscriptionStore(db);
    deliveries = new DeliveryStore(db);
    feed = new FeedStore(db).findOrCreate("https://example.org/rss", T0);
    // the baseline: what the feed had before anyone subscribed
    refresh(T0, entry("old", "Old news", List.of()));
    logged.start();
    log.addAppender(logged);
  }

  @AfterEach
  void close() {
    log.detachAppender(logged);
    db.close();
  }

  static NormalizedEntry entry(String key, String title, List<String> categories) {
    return new NormalizedEntry(
        key,
        title,
        "https://example.org/" + key,
        "Ada",
        "About " + title,
        null,
        T0,
        key,
        categories);
  }

  RefreshRecord refresh(Instant now, NormalizedEntry... found) {
    FeedUpdate update =
        new FeedUpdate(
            "Example", "https://example.org/", null, null, "h", now, null, null, null, null);
    return entries.recordRefresh(feed.id(), update, List.of(found), now);
  }

  Subscription subscribe(long channel, String filter) {
    return subscriptions
        .create(
            1,
            channel,
            feed.id(),
            null,
            Subscription.Settings.filtered(filter),
            null,
            T0.plusSeconds(1))
        .orElseThrow();
  }

  Fate fate(Subscription subscription, Entry entry) {
    return deliveries.fate(subscription.id(), entry.id()).orElseThrow();
  }

  @Test
  void aFilterStopsTheEntriesItDoesNotWantWithTheReasonAndTakesTheOthers() {
    Subscription django = subscribe(10, "django -category:beta");
    Subscription everything = subscribe(11, null);

    RefreshRecord record =
        refresh(
            T0.plusSeconds(60),
            entry("orm", "Django ORM tips", List.of("python")),
            entry("flask", "Flask 3 released", List.of("python")),
            entry("beta", "Django 6 beta", List.of("beta")));

    Map<String, Entry> inserted =
        record.inserted().stream().collect(Collectors.toMap(Entry::key, e -> e));
    assertThat(inserted).containsOnlyKeys("orm", "flask", "beta");
    assertThat(fate(django, inserted.get("orm"))).isEqualTo(new Fate("pending", null));
    assertThat(fate(django, inserted.get("flask")))
        .isEqualTo(new Fate("skipped", "stopped by the filter django -category:beta"));
    assertThat(fate(django, inserted.get("beta")))
        .isEqualTo(new Fate("skipped", "stopped by the filter django -category:beta"));
    for (Entry entry : inserted.values()) {
      assertThat(fate(everything, entry).state()).isEqualTo("pending");
    }
    assertThat(record.pending()).isEqualTo(4);
    assertThat(record.skipped()).isEqualTo(2);
  }

  @Test
  void aStoredFilterThatNoLongerCompilesLetsEverythingThroughAndWarnsOncePerExpression() {
    Subscription broken = subscribe(10, "django (orm");
    Subscription alsoBroken = subscribe(11, "django (orm");

    RefreshRecord first = refresh(T0.plusSeconds(60), entry("a", "Flask", List.of()));
    RefreshRecord second = refresh(T0.plusSeconds(120), entry("b", "Pyramid", List.of()));

    for (Subscription s : List.of(broken, alsoBroken)) {
      assertThat(fate(s, first.inserted().get(0)).state()).isEqualTo("pending");
      assertThat(fate(s, second.inserted().get(0)).state()).isEqualTo("pending");
    }
    assertThat(logged.list)
        .singleElement()
        .satisfies(
            warning ->
                assertThat(warning.getFormattedMessage())
                    .contains("unclosed parenthesis at 8", "lets every entry through"));
  }

  @Test
  void theSameStoryUnderAnotherFormOfItsLinkReachesAChannelOnce() {
    Feed other = new FeedStore(db).findOrCreate("https://example.com/atom", T0);
    FeedUpdate update = new FeedUpdate("Other", null, null, null, "h", T0, null, null, null, null);
    entries.recordRefresh(other.id(), update, List.of(), T0);
    Subscription first = subscribe(10, null);
    Subscription second =
        subscriptions.create(1, 10, other.id(), null, null, T0.plusSeconds(1)).orElseThrow();

    Entry posted =
        refresh(T0.plusSeconds(60), entry("orm", "Django ORM", List.of())).inserted().get(0);
    NormalizedEntry again =
        new NormalizedEntry(
            "copy",
            "Django ORM",
            "http://EXAMPLE.org/orm/?utm_source=planet#comments",
            null,
            "",
            null,
            T0,
            "copy",
            List.of());
    Entry copy =
        entries
            .recordRefresh(other.id(), update, List.of(again), T0.plusSeconds(120))
            .inserted()
            .get(0);

    assertThat(fate(first, posted).state()).isEqualTo("pending");
    assertThat(fate(second, copy).state()).isEqualTo("skipped");
  }
}
