package dev.orrery.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.feed.NormalizedEntry;
import dev.orrery.store.Admission;
import dev.orrery.store.Closure;
import dev.orrery.store.Database;
import dev.orrery.store.DigestSchedule;
import dev.orrery.store.DigestStore;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.FeedUpdate;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.Await;
import dev.orrery.testing.TestClock;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;

class DigestSchedulerTest {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  // Friday 4 December 2026, 23:00 in Paris
  static final Instant START = Instant.parse("2026-12-04T22:00:00Z");

  @TempDir Path dir;
  Database db;
  EntryStore entries;
  SubscriptionStore subscriptions;
  DigestStore digests;
  TestClock clock = new TestClock(START);
  Feed feed;
  List<DigestScheduler> started = new ArrayList<>();

  @BeforeEach
  void open() {
    db = Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 4));
    FeedStore feeds = new FeedStore(db);
    entries = new EntryStore(db, 5, Admission.EVERYTHING, false);
    subscriptions = new SubscriptionStore(db);
    digests = new DigestStore(db);
    feed = feeds.findOrCreate("https://example.org/rss", START);
    discover("baseline");
  }

  @AfterEach
  void close() {
    started.forEach(DigestScheduler::close);
    db.close();
  }

  DigestScheduler scheduler() {
    DigestScheduler scheduler = new DigestScheduler(subscriptions, digests, clock);
    started.add(scheduler);
    return scheduler;
  }

  void discover(String... keys) {
    List<NormalizedEntry> found = new ArrayList<>();
    for (String key : keys) {
      found.add(
          new NormalizedEntry(
              key,
              "Title " + key,
              "https://example.org/" + key,
              null,
              "",
              null,
              clock.instant().minusSeconds(60),
              key,
              List.of()));
    }
    FeedUpdate update =
        new FeedUpdate(
            "Example",
            null,
            null,
            null,
            "hash-" + keys[0],
            clock.instant(),
            null,
            null,
            null,
            null);
    entries.recordRefresh(feed.id(), update, found, clock.instant());
  }

  Subscription subscribed(long channel, DigestSchedule.Every every) {
    Subscription s =
        subscriptions.create(1, channel, feed.id(), null, null, clock.instant()).orElseThrow();
    subscriptions.setDigest(
        s.id(), new DigestSchedule(every, LocalTime.of(9, 0), PARIS, clock.instant()));
    return subscriptions.find(s.id()).orElseThrow();
  }

  static List<ZonedDateTime> fireTimes(DigestSchedule schedule, String from, int count) {
    DigestCron cron = DigestCron.of(schedule);
    List<ZonedDateTime> times = new ArrayList<>();
    Instant t = Instant.parse(from);
    for (int i = 0; i < count; i++) {
      t = cron.nextAfter(t);
      times.add(t.atZone(schedule.zone()));
    }
    return times;
  }

  static DigestSchedule daily(int hour, int minute, ZoneId zone) {
    return new DigestSchedule(DigestSchedule.Every.DAILY, LocalTime.of(hour, minute), zone, null);
  }

  @Test
  void aDailyDigestIsACronTriggerAtItsTimeInItsZone() {
    Subscription s = subscribed(10, DigestSchedule.Every.DAILY);
    DigestScheduler scheduler = scheduler();
    scheduler.start();

    CronTrigger trigger = scheduler.trigger(s.id()).orElseThrow();
    assertThat(trigger.getCronExpression()).isEqualTo("0 0 9 ? * *");
    assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/Paris");
  }

  @Test
  void aWeeklyDigestGoesOutOnMondays() {
    Subscription s = subscribed(10, DigestSchedule.Every.WEEKLY);
    DigestScheduler scheduler = scheduler();
    scheduler.start();

    CronTrigger trigger = scheduler.trigger(s.id()).orElseThrow();
    assertThat(trigger.getCronExpression()).isEqualTo("0 0 9 ? * 2");
    // the live trigger and the due times computed from it agree, and fall on Mondays at 09:00
    Date fire = trigger.getFireTimeAfter(Date.from(Instant.parse("2027-01-01T00:00:00Z")));
    assertThat(fire.toInstant()).isEqualTo(Instant.parse("2027-01-04T08:00:00Z"));
    assertThat(fireTimes(s.digest(), "2026-12-04T22:00:00Z", 3))
        .allSatisfy(
            t -> {
              assertThat(t.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
              assertThat(t.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            })
        .extracting(ZonedDateTime::toInstant)
        .containsExactly(
            Instant.parse("2026-12-07T08:00:00Z"),
            Instant.parse("2026-12-14T08:00:00Z"),
            Instant.parse("2026-12-21T08:00:00Z"));
  }

  @Test
  void nineOClockInParisStaysNineOClockWhenTheClocksGoForwardAndBack() {
    assertThat(fireTimes(daily(9, 0, PARIS), "2027-03-26T12:00:00Z", 3))
        .extracting(ZonedDateTime::toInstant)
        .containsExactly(
            Instant.parse("2027-03-27T08:00:00Z"),
            Instant.parse("2027-03-28T07:00:00Z"),
            Instant.parse("2027-03-29T07:00:00Z"));
    assertThat(fireTimes(daily(9, 0, PARIS), "2027-10-29T12:00:00Z", 3))
        .extracting(ZonedDateTime::toInstant)
        .containsExactly(
            Instant.parse("2027-10-30T07:00:00Z"),
            Instant.parse("2027-10-31T08:00:00Z"),
            Instant.parse("2027-11-01T08:00:00Z"));
  }

  @Test
  void inNewYorkATimeTheClocksSkipIsSkippedThatDayAndATimeTheyRepeatComesOnce() {
    // 14 March 2027: 02:00 becomes 03:00, so there is no 02:30 that day
    assertThat(fireTimes(daily(2, 30, NEW_YORK), "2027-03-12T12:00:00Z", 3))
        .extracting(ZonedDateTime::toInstant)
        .containsExactly(
            Instant.parse("2027-03-13T07:30:00Z"),
            Instant.parse("2027-03-15T06:30:00Z"),
            Instant.parse("2027-03-16T06:30:00Z"));
    // 7 November 2027: 01:00 to 02:00 happens twice, and the digest goes out once
    assertThat(fireTimes(daily(1, 30, NEW_YORK), "2027-11-05T12:00:00Z", 3))
        .extracting(t -> t.toLocalDate().toString())
        .containsExactly("2027-11-06", "2027-11-07", "2027-11-08");
    assertThat(fireTimes(daily(9, 0, NEW_YORK), "2027-11-06T12:00:00Z", 2))
        .extracting(ZonedDateTime::toInstant)
        .containsExactly(
            Instant.parse("2027-11-06T13:00:00Z"), Instant.parse("2027-11-07T14:00:00Z"));
  }

  @Test
  void thePeriodIsClosedAtTheDueTimeByTheClockAndNotBefore() {
    Subscription s = subscribed(10, DigestSchedule.Every.DAILY);
    discover("a", "b");
    DigestScheduler scheduler = scheduler();
    List<Closure> told = new ArrayList<>();
    scheduler.addListener((id, closure) -> told.add(closure));

    clock.set(Instant.parse("2026-12-05T07:59:59Z"));
    assertThat(scheduler.closeDue(s.id())).isInstanceOf(Closure.NothingDue.class);
    clock.set(Instant.parse("2026-12-05T08:00:01Z"));
    Closure closed = scheduler.closeDue(s.id());

    assertThat(closed).isEqualTo(new Closure.Made(((Closure.Made) closed).digestId(), 2));
    assertThat(told).contains(closed);
    assertThat(digests.forSubscription(s.id()))
        .singleElement()
        .satisfies(d -> assertThat(d.dueAt()).isEqualTo(Instant.parse("2026-12-05T08:00:00Z")));
    assertThat(scheduler.closeDue(s.id())).isInstanceOf(Closure.NothingDue.class);
  }

  @Test
  void theTriggerFiresTheJobThatClosesThePeriod() {
    Subscription s = subscribed(10, DigestSchedule.Every.DAILY);
    discover("a");
    DigestScheduler scheduler = scheduler();
    scheduler.start();
    clock.set(Instant.parse("2026-12-05T08:00:01Z"));

    scheduler.fireNow(s.id());

    Await.until(
        Duration.ofSeconds(10),
        "the job to close the period",
        () -> digests.forSubscription(s.id()).size() == 1);
  }

  @Test
  void aDigestDueWhileTheBotWasDownIsClosedOnceAtStartWithEverythingHeld() {
    Subscription s = subscribed(10, DigestSchedule.Every.DAILY);
    discover("a");
    clock.set(Instant.parse("2026-12-05T12:00:00Z"));
    discover("b");
    // down through two due times: 5 and 6 December at 09:00 in Paris
    clock.set(Instant.parse("2026-12-06T10:00:00Z"));
    DigestScheduler first = scheduler();
    first.start();
    first.close();
    scheduler().start();

    assertThat(digests.forSubscription(s.id()))
        .singleElement()
        .satisfies(d -> assertThat(d.dueAt()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z")));
    assertThat(digests.entries(digests.forSubscription(s.id()).get(0).id())).hasSize(2);
  }

  @Test
  void aChangedScheduleReplacesTheTriggerAndAStoppedOneRemovesIt() {
    Subscription s = subscribed(10, DigestSchedule.Every.DAILY);
    DigestScheduler scheduler = scheduler();
    scheduler.start();

    subscriptions.setDigest(
        s.id(),
        new DigestSchedule(
            DigestSchedule.Every.WEEKLY, LocalTime.of(18, 30), NEW_YORK, clock.instant()));
    scheduler.schedule(subscriptions.find(s.id()).orElseThrow());
    CronTrigger changed = scheduler.trigger(s.id()).orElseThrow();
    assertThat(changed.getCronExpression()).isEqualTo("0 30 18 ? * 2");
    assertThat(changed.getTimeZone().getID()).isEqualTo("America/New_York");

    scheduler.stop(s.id());
    assertThat(scheduler.trigger(s.id())).isEmpty();
    assertThat(subscriptions.find(s.id()).orElseThrow().digest()).isNull();
  }

  @Test
  void aSubscriptionThatIsGoneLosesItsTriggerWhenItFires() {
    Subscription s = subscribed(10, DigestSchedule.Every.DAILY);
    DigestScheduler scheduler = scheduler();
    scheduler.start();
    subscriptions.delete(s.id());

    assertThat(scheduler.closeDue(s.id())).isInstanceOf(Closure.NothingDue.class);
    assertThat(scheduler.trigger(s.id())).isEmpty();
  }
}
