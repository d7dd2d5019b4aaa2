package dev.orrery.poll;

import dev.orrery.store.Closure;
import dev.orrery.store.DigestSchedule;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Setting and stopping a subscription's digest, for the command that customises subscriptions:
 * checks what was typed, saves it, keeps the digest scheduler in step and says when the next digest
 * is due.
 *
 * <p>A daily digest goes out every day at the time given; a weekly one on Mondays at that time,
 * both in the time zone given (an IANA name). Setting a schedule starts its first period now: the
 * entries already held wait for its first due time. Stopping a digest sends what is held in one
 * last digest at once, so nothing is lost, and the entries found afterwards are posted one by one.
 */
public final class DigestService {
  private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");

  private final SubscriptionStore subscriptions;
  private final DigestScheduler scheduler;
  private final InstantSource clock;

  public DigestService(
      SubscriptionStore subscriptions, DigestScheduler scheduler, InstantSource clock) {
    this.subscriptions = subscriptions;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** What a request came to. */
  public sealed interface Result {
    /** The schedule is saved; {@code next} is when its first digest is due. */
    record Scheduled(DigestSchedule schedule, NextDigest next) implements Result {}

    /**
     * The digest is off.
     *
     * @param lastDigest how many held entries go out in one last digest now (0: none were held)
     */
    record Stopped(int lastDigest) implements Result {}

    /** Nothing changed, for this reason, which says what to type instead. */
    record Refused(String reason) implements Result {}
  }

  /** When a digest is due, and in which time zone to say it. */
  public record NextDigest(Instant at, ZoneId zone) {
    private static final DateTimeFormatter WHEN =
        DateTimeFormatter.ofPattern("EEEE d MMMM 'at' HH:mm", Locale.ENGLISH);

    /** "Monday 7 December at 09:00 Europe/Paris". */
    public String describe() {
      return WHEN.format(at.atZone(zone)) + " " + zone.getId();
    }
  }

  /**
   * Sets the subscription's digest.
   *
   * @param every daily or weekly
   * @param at the local time, HH:MM on a 24-hour clock
   * @param zone an IANA time zone name, such as Europe/Paris
   */
  public Result set(long subscriptionId, String every, String at, String zone) {
    Instant now = clock.instant();
    Parsed parsed = parse(every, at, zone, now);
    if (parsed instanceof Parsed.Refused refused) {
      return new Result.Refused(refused.reason());
    }
    DigestSchedule schedule = ((Parsed.Schedule) parsed).schedule();
    ZoneId zoneId = schedule.zone();
    if (!subscriptions.setDigest(subscriptionId, schedule)) {
      return gone();
    }
    Optional<Subscription> saved = subscriptions.find(subscriptionId);
    if (saved.isEmpty()) {
      return gone();
    }
    scheduler.schedule(saved.get());
    return new Result.Scheduled(
        schedule, new NextDigest(DigestCron.of(schedule).nextAfter(now), zoneId));
  }

  /** A schedule read from what a person typed, or why it cannot be one. */
  public sealed interface Parsed {
    record Schedule(DigestSchedule schedule) implements Parsed {}

    /** Every problem, in one sentence. */
    record Refused(String reason) implements Parsed {}
  }

  /**
   * Reads a schedule as {@link #set} takes it, its first period starting {@code now}, so a new
   * schedule never owes a digest.
   */
  public static Parsed parse(String every, String at, String zone, Instant now) {
    List<String> problems = new ArrayList<>();
    DigestSchedule.Every often = every(every, problems);
    LocalTime time = time(at, problems);
    ZoneId zoneId = zone(zone, problems);
    if (!problems.isEmpty()) {
      return new Parsed.Refused(String.join("; ", problems));
    }
    return new Parsed.Schedule(new DigestSchedule(often, time, zoneId, now));
  }

  /** Turns the digest off: what is held goes out now in one last digest. */
  public Result stop(long subscriptionId) {
    Optional<Subscription> subscription = subscriptions.find(subscriptionId);
    if (subscription.isEmpty()) {
      return gone();
    }
    if (subscription.get().digest() == null) {
      return new Result.Refused(
          "this subscription has no digest: each new post is sent on its own");
    }
    Closure last = scheduler.stop(subscriptionId);
    if (last instanceof Closure.NothingDue) {
      // stopped by another request a moment ago
      return new Result.Refused(
          "this subscription has no digest: each new post is sent on its own");
    }
    return new Result.Stopped(last instanceof Closure.Made made ? made.entries() : 0);
  }

  /** IANA time zone names containing what was typed, at most 25, for autocomplete. */
  public List<String> zones(String typed) {
    return TimeZones.matching(typed == null ? "" : typed);
  }

  private static Result gone() {
    return new Result.Refused("this subscription no longer exists: subscribe again first");
  }

  private static DigestSchedule.Every every(String typed, List<String> problems) {
    String word = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    for (DigestSchedule.Every every : DigestSchedule.Every.values()) {
      if (every.word().equals(word)) {
        return every;
      }
    }
    problems.add("unknown frequency '" + shown(typed) + "': type daily or weekly");
    return null;
  }

  private static LocalTime time(String typed, List<String> problems) {
    Matcher m = TIME.matcher(typed == null ? "" : typed.strip());
    if (m.matches()) {
      return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    problems.add(
        "'"
            + shown(typed)
            + "' is not a time of day: type HH:MM on a 24-hour clock, such as 09:00 or 18:30");
    return null;
  }

  private static ZoneId zone(String typed, List<String> problems) {
    Optional<ZoneId> zone = TimeZones.find(typed == null ? "" : typed);
    if (zone.isEmpty()) {
      problems.add(TimeZones.refusal(shown(typed)));
    }
    return zone.orElse(null);
  }

  private static String shown(String typed) {
    return typed == null ? "" : typed.strip();
  }
}
