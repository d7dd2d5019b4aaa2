package dev.orrery.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.feed.NormalizedEntry;
import dev.orrery.store.Admission;
import dev.orrery.store.Database;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.DigestSchedule;
import dev.orrery.store.DigestStore;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.FeedUpdate;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestServiceTest {
  // Friday 4 December 2026, 23:53 in Paris
  static final Instant NOW = Instant.parse("2026-12-04T22:53:00Z");

  @TempDir Path dir;
  Database db;
  EntryStore entries;
  SubscriptionStore subscriptions;
  DigestStore digests;
  DigestScheduler scheduler;
  DigestService service;
  TestClock clock = new TestClock(NOW);
  Feed feed;
  Subscription subscription;

  @BeforeEach
  void open() {
    db = Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 4));
    FeedStore feeds = new FeedStore(db);
    entries = new EntryStore(db, 5, Admission.EVERYTHING, false);
    subscriptions = new SubscriptionStore(db);
    digests = new DigestStore(db);
    scheduler = new DigestScheduler(subscriptions, digests, clock);
    service = new DigestService(subscriptions, scheduler, clock);
    feed = feeds.findOrCreate("https://example.org/rss", NOW);
    discover("baseline");
    subscription = subscriptions.create(1, 10, feed.id(), null, null, NOW).orElseThrow();
  }

  @AfterEach
  void close() {
    scheduler.close();
    db.close();
  }

  void discover(String... keys) {
    List<NormalizedEntry> found =
        java.util.Arrays.stream(keys)
            .map(
                k ->
                    new NormalizedEntry(
                        k, k, "https://example.org/" + k, null, "", null, NOW, k, List.of()))
            .toList();
    entries.recordRefresh(
        feed.id(),
        new FeedUpdate("Example", null, null, null, "hash-" + keys[0], NOW, null, null, null, null),
        found,
        clock.instant());
  }

  DigestSchedule digest() {
    return subscriptions.find(subscription.id()).orElseThrow().digest();
  }

  @Test
  void aWeeklyDigestIsSavedAndTheReplySaysWhenTheFirstIsDue() {
    DigestService.Result result = service.set(subscription.id(), "weekly", "09:00", "Europe/Paris");

    assertThat(result).isInstanceOf(DigestService.Result.Scheduled.class);
    DigestService.NextDigest next = ((DigestService.Result.Scheduled) result).next();
    assertThat(next.at()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
    assertThat(next.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(next.describe()).isEqualTo("Monday 7 December at 09:00 Europe/Paris");
    assertThat(digest())
        .isEqualTo(
            new DigestSchedule(
                DigestSchedule.Every.WEEKLY, LocalTime.of(9, 0), ZoneId.of("Europe/Paris"), NOW));
    assertThat(scheduler.trigger(subscription.id())).isPresent();
  }

  @Test
  void namesAreReadWhateverTheirCaseAndSpaces() {
    DigestService.Result result =
        service.set(subscription.id(), " Daily ", "7:05", "america/new york");

    assertThat(((DigestService.Result.Scheduled) result).next().describe())
        .isEqualTo("Saturday 5 December at 07:05 America/New_York");
    assertThat(digest().zone()).isEqualTo(ZoneId.of("America/New_York"));
  }

  @Test
  void aTypoInTheZoneIsRefusedWithTheNameItMeantAndNothingChanges() {
    assertThat(service.set(subscription.id(), "daily", "09:00", "Europe/Pariss"))
        .isEqualTo(
            new DigestService.Result.Refused(
                "unknown time zone 'Europe/Pariss': did you mean Europe/Paris?"));
    assertThat(service.set(subscription.id(), "daily", "09:00", "Paris"))
        .isEqualTo(
            new DigestService.Result.Refused(
                "unknown time zone 'Paris': did you mean Europe/Paris?"));
    assertThat(service.set(subscription.id(), "daily", "09:00", "Nowhere/Qqqqqqqqqqqq"))
        .isEqualTo(
            new DigestService.Result.Refused(
                "unknown time zone 'Nowhere/Qqqqqqqqqqqq': type an IANA name such as"
                    + " Europe/Paris or America/New_York"));
    assertThat(digest()).isNull();
    assertThat(scheduler.trigger(subscription.id())).isEmpty();
  }

  @Test
  void aWrongFrequencyOrTimeIsRefusedSayingWhatToTypeAllAtOnce() {
    assertThat(service.set(subscription.id(), "monthly", "25:00", "UTC"))
        .isEqualTo(
            new DigestService.Result.Refused(
                "unknown frequency 'monthly': type daily or weekly; '25:00' is not a time of day:"
                    + " type HH:MM on a 24-hour clock, such as 09:00 or 18:30"));
    assertThat(service.set(subscription.id(), "daily", "9am", "UTC"))
        .isInstanceOf(DigestService.Result.Refused.class);
    assertThat(service.set(subscription.id(), "daily", "09:60", "UTC"))
        .isInstanceOf(DigestService.Result.Refused.class);
    assertThat(digest()).isNull();
  }

  @Test
  void aSubscriptionThatIsGoneIsRefused() {
    subscriptions.delete(subscription.id());
    assertThat(service.set(subscription.id(), "daily", "09:00", "UTC"))
        .isEqualTo(
            new DigestService.Result.Refused(
                "this subscription no longer exists: subscribe again first"));
  }

  @Test
  void stoppingSendsWhatIsHeldInOneLastDigestAndLaterEntriesArePostedOneByOne() {
    service.set(subscription.id(), "daily", "09:00", "Europe/Paris");
    discover("a", "b");

    assertThat(service.stop(subscription.id())).isEqualTo(new DigestService.Result.Stopped(2));

    assertThat(digests.forSubscription(subscription.id()))
        .singleElement()
        .satisfies(d -> assertThat(d.state()).isEqualTo("pending"));
    assertThat(digest()).isNull();
    assertThat(scheduler.trigger(subscription.id())).isEmpty();
    discover("c");
    assertThat(new DeliveryStore(db).count("pending")).isEqualTo(1);
    assertThat(service.stop(subscription.id()))
        .isEqualTo(
            new DigestService.Result.Refused(
                "this subscription has no digest: each new post is sent on its own"));
  }

  @Test
  void stoppingWithNothingHeldPostsNothing() {
    service.set(subscription.id(), "daily", "09:00", "Europe/Paris");

    assertThat(service.stop(subscription.id())).isEqualTo(new DigestService.Result.Stopped(0));
    assertThat(digests.forSubscription(subscription.id())).isEmpty();
  }

  @Test
  void zonesForAutocompleteMatchWhatWasTypedAtMost25() {
    assertThat(service.zones("paris")).containsExactly("Europe/Paris");
    assertThat(service.zones("new_y")).contains("America/New_York");
    assertThat(service.zones("")).hasSize(25);
    assertThat(service.zones("america")).hasSize(25).allMatch(z -> z.startsWith("America/"));
    // a city starting with what was typed comes before a name that only contains it
    List<String> an = service.zones("an");
    assertThat(an).hasSize(25).allMatch(z -> z.toLowerCase().contains("an"));
    List<Boolean> cityStarts =
        an.stream().map(z -> z.substring(z.lastIndexOf('/') + 1).startsWith("An")).toList();
    assertThat(cityStarts).contains(true, false).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }
}
