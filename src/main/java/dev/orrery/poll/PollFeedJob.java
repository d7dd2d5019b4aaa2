package dev.orrery.poll;

import dev.orrery.store.Feed;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz job of one feed: refresh it, then move its trigger to the feed's next poll time. */
@DisallowConcurrentExecution
public final class PollFeedJob implements Job {
  static final String FEED_ID = "feedId";
  private static final Logger log = LoggerFactory.getLogger(PollFeedJob.class);

  private final FeedRefresher refresher;
  private final PollSchedule schedule;
  private final PollScheduler scheduler;
  private final InstantSource clock;

  PollFeedJob(
      FeedRefresher refresher,
      PollSchedule schedule,
      PollScheduler scheduler,
      InstantSource clock) {
    this.refresher = refresher;
    this.schedule = schedule;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  @Override
  public void execute(JobExecutionContext context) {
    long feedId = context.getMergedJobDataMap().getLong(FEED_ID);
    Instant next = null;
    boolean stopped = false;
    try {
      Optional<Feed> feed = scheduler.wanted(feedId);
      if (feed.isEmpty()) {
        stopped = scheduler.stopIfUnwanted(feedId);
      } else if (refresher.refresh(feed.get()) instanceof RefreshOutcome.Failed failed
          && failed.pausedNow()) {
        // unsubscribing stops the job itself; a pause by this poll is the one change left to see
        // here (and anything else is seen as the next run starts, before it polls)
        stopped = scheduler.stopIfUnwanted(feedId);
      }
      if (!stopped) {
        next = later(refresher.nextPollAt(feedId), refresher.heldUntil());
      }
    } catch (RuntimeException e) {
      // a broken database or a bug must not stop this feed for good: try again after a backoff
      log.error("Polling feed {} failed unexpectedly", feedId, e);
    } finally {
      // in finally, so that not even an Error leaves the feed without its next poll
      if (!stopped) {
        Instant now = clock.instant();
        // a next poll not in the future (its row could not be written) must not fire at once
        reschedule(context, next != null && next.isAfter(now) ? next : schedule.afterError(now, 1));
      }
    }
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return a.isAfter(b) ? a : b;
  }

  private static void reschedule(JobExecutionContext context, Instant next) {
    Trigger current = context.getTrigger();
    Trigger moved = PollScheduler.triggerAt(current.getJobKey(), Date.from(next));
    try {
      context.getScheduler().rescheduleJob(current.getKey(), moved);
    } catch (SchedulerException e) {
      log.error("Could not reschedule {}", current.getJobKey(), e);
    }
  }
}
