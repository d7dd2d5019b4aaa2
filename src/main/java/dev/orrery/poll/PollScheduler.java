package dev.orrery.poll;

import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Date;
import java.util.Optional;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each watched feed on its own schedule, in one of two ways:
 *
 * <ul>
 *   <li>one node (SQLite): one Quartz job per feed, in memory, made again from the feeds table at
 *       every start;
 *   <li>a cluster (PostgreSQL): a fixed number of {@link PollPartitionJob}s in Quartz's clustered
 *       job store, which the nodes share. Each refreshes the due feeds of its partition, so the
 *       feeds table alone says what is polled: there is no job per feed to add or remove (thousands
 *       of triggers in one store would all wait on its one lock).
 * </ul>
 */
public final class PollScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);
  private static final String GROUP = "feeds";

  private final FeedStore feeds;
  private final boolean console;
  private final Scheduler scheduler;

  /** The cluster this node polls with, or null when it polls alone. */
  private final PollCluster cluster;

  private final Duration sweep;

  /**
   * Polling on one node, with a job per feed in memory.
   *
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
    this.cluster = null;
    this.sweep = null;
    try {
      scheduler = PollQuartz.inMemory(threads);
      scheduler.setJobFactory((bundle, s) -> new PollFeedJob(refresher, schedule, this, clock));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot create the poll scheduler: " + e.getMessage(), e);
    }
  }

  private PollScheduler(
      FeedStore feeds,
      FeedRefresher refresher,
      PollSchedule schedule,
      int threads,
      InstantSource clock,
      PollCluster cluster) {
    this.feeds = feeds;
    this.console = false;
    this.cluster = cluster;
    this.sweep = schedule.sweep();
    try {
      scheduler = PollQuartz.clustered(threads, cluster);
      scheduler.setJobFactory((bundle, s) -> new PollPartitionJob(feeds, refresher, clock));
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "cannot create the clustered poll scheduler: " + e.getMessage(), e);
    }
  }

  /**
   * Polling shared with the other nodes on the cluster's PostgreSQL database: the bot's, for the
   * channels' subscriptions (a console polls alone, to print what it polled).
   */
  public static PollScheduler clustered(
      FeedStore feeds,
      FeedRefresher refresher,
      PollSchedule schedule,
      int threads,
      InstantSource clock,
      PollCluster cluster) {
    return new PollScheduler(feeds, refresher, schedule, threads, clock, cluster);
  }

  /**
   * Starts polling: alone, after making a job for every watched feed, due at its stored next poll
   * time; in a cluster, after making the partition jobs that no node has made yet.
   */
  public void start() {
    String what;
    if (cluster != null) {
      try {
        PollPartitions.share(scheduler, cluster.partitions(), sweep);
      } catch (SchedulerException e) {
        throw new IllegalStateException(
            "cannot make the poll's partition jobs: " + e.getMessage(), e);
      }
      what =
          "the feeds in "
              + cluster.partitions()
              + " partitions with the other nodes, as node "
              + cluster.node();
    } else {
      int count = 0;
      for (Feed feed : feeds.watched(console)) {
        watch(feed);
        count++;
      }
      what = count + " feeds";
    }
    try {
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the poll scheduler: " + e.getMessage(), e);
    }
    log.info("Polling {}", what);
  }

  /**
   * Polls this feed from now on (a no-op when it is already polled), first at its next poll time.
   * In a cluster, always a no-op: the feed's partition finds it in the feeds table when it is due.
   */
  public synchronized void watch(Feed feed) {
    if (cluster != null) {
      return;
    }
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
   * paused). Checked again and done under the same lock as {@link #watch}, so a subscription made
   * meanwhile keeps its feed polled. In a cluster there is nothing to remove: the partitions pass
   * over a feed nothing wants.
   *
   * @return true when the feed is no longer polled: its job was removed, or in a cluster, nothing
   *     wants it
   */
  public boolean stopIfUnwanted(long feedId) {
    // every poll asks, and almost every feed is still wanted: that answer needs no lock, which
    // would make the poll threads read the database one at a time
    if (wanted(feedId).isPresent()) {
      return false;
    }
    synchronized (this) {
      return stopIfStillUnwanted(feedId);
    }
  }

  private boolean stopIfStillUnwanted(long feedId) {
    if (wanted(feedId).isPresent()) {
      return false;
    }
    if (cluster != null) {
      return true;
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

  /** Whether the feed is polled: it has its job, or in a cluster, it is wanted. */
  public boolean isWatching(long feedId) {
    if (cluster != null) {
      return wanted(feedId).isPresent();
    }
    try {
      return scheduler.checkExists(jobKey(feedId));
    } catch (SchedulerException e) {
      return false;
    }
  }

  /** Whether polling runs: started, and neither stopped nor paused. */
  public boolean running() {
    try {
      return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
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

  /**
   * Stops at once, leaving the polls under way to run on and nothing recorded of their end, as a
   * node that dies would: for the tests of a cluster taking over a dead node's partitions.
   */
  void abandon() throws SchedulerException {
    scheduler.shutdown(false);
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
