package dev.orrery.poll;

import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import java.time.InstantSource;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each watched feed on its own schedule: one Quartz job per feed, in memory. The feeds table
 * is the source of truth, so jobs are made again from it at every start.
 */
public final class PollScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);
  private static final String GROUP = "feeds";

  private final FeedStore feeds;
  private final boolean console;
  private final Scheduler scheduler;

  /**
   * @param console true for the console's scheduler, which polls for the console's subscriptions as
   *     well as the channels'
   */
  public PollScheduler(
      FeedStore feeds,
      FeedRefresher refresher,
      PollSchedule schedule,
      int threads,
      boolean console,
      InstantSource clock) {
    this.feeds = feeds;
    this.console = console;
    Properties props = new Properties();
    props.setProperty("org.quartz.scheduler.instanceName", "orrery-poll");
    props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    props.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    props.setProperty("org.quartz.threadPool.threadNamePrefix", "poll");
    props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    props.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    try {
      scheduler = new StdSchedulerFactory(props).getScheduler();
      scheduler.setJobFactory(
          (bundle, s) -> new PollFeedJob(feeds, refresher, schedule, this, clock));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot create the poll scheduler: " + e.getMessage(), e);
    }
  }

  /** Makes a job for every watched feed, due at its stored next poll time, and starts polling. */
  public void start() {
    int count = 0;
    for (Feed feed : feeds.watched(console)) {
      watch(feed);
      count++;
    }
    try {
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the poll scheduler: " + e.getMessage(), e);
    }
    log.info("Polling {} feeds", count);
  }

  /**
   * Polls this feed from now on (a no-op when it is already polled), first at its next poll time.
   */
  public synchronized void watch(Feed feed) {
    JobKey key = jobKey(feed.id());
    try {
      if (scheduler.checkExists(key)) {
        return;
      }
      JobDetail job =
          JobBuilder.newJob(PollFeedJob.class)
              .withIdentity(key)
              .usingJobData(PollFeedJob.FEED_ID, feed.id())
              .build();
      scheduler.scheduleJob(job, triggerAt(key, Date.from(feed.nextPollAt())));
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "cannot schedule feed " + feed.url() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stops polling a feed if nothing wants it any more (its last subscription went, or it is
   * paused). Checked and done under the same lock as {@link #watch}, so a subscription made
   * meanwhile keeps its feed polled.
   *
   * @return true when the feed's job was removed
   */
  public synchronized boolean stopIfUnwanted(long feedId) {
    if (wanted(feedId).isPresent()) {
      return false;
    }
    try {
      boolean removed = scheduler.deleteJob(jobKey(feedId));
      if (removed) {
        log.info("Stopped polling feed {}: paused, or no channel wants it", feedId);
      }
      return removed;
    } catch (SchedulerException e) {
      log.warn("Could not stop polling feed {}", feedId, e);
      return false;
    }
  }

  /** Whether the feed should be polled: not paused, and wanted by a subscription this counts. */
  Optional<Feed> wanted(long feedId) {
    return feeds.findWatched(feedId, console);
  }

  public boolean isWatching(long feedId) {
    try {
      return scheduler.checkExists(jobKey(feedId));
    } catch (SchedulerException e) {
      return false;
    }
  }

  /** Stops polling and waits for the polls under way to finish. */
  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("Could not stop the poll scheduler cleanly", e);
    }
  }

  static JobKey jobKey(long feedId) {
    return JobKey.jobKey("feed-" + feedId, GROUP);
  }

  static Trigger triggerAt(JobKey job, Date when) {
    return TriggerBuilder.newTrigger()
        .withIdentity(TriggerKey.triggerKey(job.getName(), GROUP))
        .forJob(job)
        .startAt(when)
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
  }
}
