package dev.orrery.poll;

import dev.orrery.store.DigestSchedule;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DateBuilder;
import org.quartz.JobKey;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * A digest schedule as Quartz reads it: daily, or weekly on Mondays, at a local time of the
 * subscription's time zone. Quartz computes every due time, so daylight saving is its: a time the
 * clocks skip is skipped that day (its entries go in the next digest), and a time they repeat comes
 * once.
 */
final class DigestCron {
  /** Longer than any period (a week, and an hour when the clocks go back). */
  private static final Duration LONGEST_PERIOD = Duration.ofDays(8);

  private final CronScheduleBuilder schedule;
  private final CronExpression expression;

  private DigestCron(CronScheduleBuilder schedule) {
    this.schedule = schedule;
    // the trigger is what Quartz fires: the due times are read from its own expression
    CronTrigger built = TriggerBuilder.newTrigger().withSchedule(schedule).build();
    try {
      expression = new CronExpression(built.getCronExpression());
    } catch (ParseException e) {
      throw new IllegalStateException("Quartz built an expression it cannot read", e);
    }
    expression.setTimeZone(built.getTimeZone());
  }

  static DigestCron of(DigestSchedule digest) {
    int hour = digest.at().getHour();
    int minute = digest.at().getMinute();
    CronScheduleBuilder cron =
        switch (digest.every()) {
          case DAILY -> CronScheduleBuilder.dailyAtHourAndMinute(hour, minute);
          case WEEKLY ->
              CronScheduleBuilder.weeklyOnDayAndHourAndMinute(DateBuilder.MONDAY, hour, minute);
        };
    return new DigestCron(
        cron.inTimeZone(TimeZone.getTimeZone(digest.zone()))
            // a digest due while the scheduler was held up is closed once, then the schedule goes
            // on
            .withMisfireHandlingInstructionFireAndProceed());
  }

  /** The trigger that fires the job at every due time. */
  CronTrigger trigger(TriggerKey key, JobKey job) {
    return TriggerBuilder.newTrigger().withIdentity(key).forJob(job).withSchedule(schedule).build();
  }

  /** The first due time strictly after {@code time}. */
  Instant nextAfter(Instant time) {
    return expression.getTimeAfter(Date.from(time)).toInstant();
  }

  /**
   * The latest due time after {@code lastDue} and no later than {@code now}: the one period to
   * close however many came due meanwhile. Without a last due time, the latest one a period back
   * counts.
   */
  Optional<Instant> latestDue(Instant lastDue, Instant now) {
    Instant from = now.minus(LONGEST_PERIOD);
    if (lastDue != null && lastDue.isAfter(from)) {
      from = lastDue;
    }
    Instant latest = null;
    for (Instant due = nextAfter(from); !due.isAfter(now); due = nextAfter(due)) {
      latest = due;
    }
    return Optional.ofNullable(latest);
  }
}
