package dev.orrery.poll;

import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
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

  private final FeedStore feeds;
  private final FeedRefresher refresher;
  private final PollSchedule schedule;
  private final InstantSource clock;

  PollFeedJob(
      FeedStore feeds, FeedRefresher refresher, PollSchedule schedule, InstantSource clock) {
    this.feeds = feeds;
    this.refresher = refresher;
    this.schedule = schedule;
    this.clock = clock;
  }

  @Override
  public void execute(JobExecutionContext context) {
    long feedId = context.getMergedJobDataMap().getLong(FEED_ID);
    Instant next;
    try {
      Optional<Feed> feed = feeds.findWatched(feedId);
      if (feed.isEmpty()) {
        stop(context, feedId);
        return;
      }
      refresher.refresh(feed.get());
      Optional<Feed> after = feeds.findWatched(feedId);
      if (after.isEmpty()) {
        stop(context, feedId);
        return;
      }
      next = after.get().nextPollAt();
    } catch (RuntimeException e) {
      // a broken database or a bug must not stop this feed for good: try again after a backoff
      log.error("Polling feed {} failed unexpectedly", feedId, e);
      next = schedule.afterError(clock.instant(), 1);
    }
    reschedule(context, next);
  }

  private static void stop(JobExecutionContext context, long feedId) {
    try {
      context.getScheduler().deleteJob(context.getJobDetail().getKey());
      log.info("Stopped polling feed {}: paused, or no channel wants it", feedId);
    } catch (SchedulerException e) {
      log.warn("Could not remove the job of feed {}", feedId, e);
    }
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
