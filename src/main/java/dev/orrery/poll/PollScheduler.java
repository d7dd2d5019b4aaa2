package dev.orrery.poll;

import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.quartz.JobBuilder;
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
 * Polls each watched feed when it is due, in one of two ways:
 *
 * <ul>
 *   <li>one node (SQLite): as many {@link PollDueFeedsJob}s as poll threads, in memory, each
 *       refreshing the due feeds that {@link DueFeeds} reads from the feeds table a batch at a
 *       time;
 *   <li>a cluster (PostgreSQL): a fixed number of {@link PollPartitionJob}s in Quartz's clustered
 *       job store, which the nodes share. Each refreshes the due feeds of its partition.
 * </ul>
 *
 * <p>Either way the feeds table alone says what is polled and when: there is no job per feed to add
 * or remove, and no trigger to move after every poll (thousands of triggers cost the scheduler more
 * than the polls that answer 304, and in a clustered store they would all wait on its one lock).
 */
public final class PollScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);
  private static final String GROUP = "due-feeds";

  /**
   * How often a node that polls alone looks for due feeds, at the most: how late a feed may be
   * polled. A look finds nothing to read until the first feed is due, so it costs next to nothing.
   */
  static final Duration SWEEP_ALONE = Duration.ofMillis(250);

  /** Due feeds read at a time per poll thread, when polling alone. */
  private static final int BATCH_PER_THREAD = 8;

  private final FeedStore feeds;
  private final boolean console;
  private final Scheduler scheduler;
  private final int threads;

  /** The due feeds of a node that polls alone, or null in a cluster. */
  private final DueFeeds due;

  /** The cluster this node polls with, or null when it polls alone. */
  private final PollCluster cluster;

  /** The partition runs under way on this node, in a cluster; null when it polls alone. */
  private final PartitionRuns runs;

  private final Duration sweep;

  /**
   * Polling on one node, with a job per poll thread in memory.
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
    this.threads = threads;
    this.cluster = null;
    this.runs = null;
    this.sweep = shorter(schedule.sweep(), SWEEP_ALONE);
    this.due = new DueFeeds(feeds, refresher, console, threads * BATCH_PER_THREAD, clock);
    try {
      scheduler = PollQuartz.inMemory(threads);
      scheduler.setJobFactory((bundle, s) -> new PollDueFeedsJob(due, refresher));
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
    this.threads = threads;
    this.cluster = cluster;
    this.due = null;
    this.runs = new PartitionRuns();
    this.sweep = schedule.sweep();
    try {
      scheduler = PollQuartz.clustered(threads, cluster);
      scheduler.setJobFactory((bundle, s) -> new PollPartitionJob(feeds, refresher, clock, runs));
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
   * Starts polling: alone, after making a job for each poll thread; in a cluster, after making the
   * partition jobs that no node has made yet.
   */
  public void start() {
    String what;
    try {
      if (cluster != null) {
        PollPartitions.share(scheduler, cluster.partitions(), sweep);
        what =
            "the feeds in "
                + cluster.partitions()
                + " partitions with the other nodes, as node "
                + cluster.node();
      } else {
        for (int thread = 0; thread < threads; thread++) {
          JobKey key = JobKey.jobKey("poll-" + thread, GROUP);
          scheduler.scheduleJob(
              JobBuilder.newJob(PollDueFeedsJob.class).withIdentity(key).build(), sweeping(key));
        }
        what = feeds.watched(console).size() + " feeds";
      }
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the poll scheduler: " + e.getMessage(), e);
    }
    log.info("Polling {}", what);
  }

  /**
   * The feed is wanted now (a new subscription, a feed resumed): polled when it is due, which may
   * be at once. There is nothing to add, the feeds table says what is polled; alone, the node looks
   * for due feeds again at its next sweep.
   */
  public void watch(Feed feed) {
    if (due != null) {
      due.wake();
    }
  }

  /** Whether the feed should be polled: not paused, and wanted by a subscription this counts. */
  Optional<Feed> wanted(long feedId) {
    return feeds.findWatched(feedId, console);
  }

  /** Whether the feed is polled: it is wanted, and not paused. */
  public boolean isWatching(long feedId) {
    return wanted(feedId).isPresent();
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
    // Stopped, the jobs end after the feed under way, and a job that starts after this polls
    // nothing. That end is awaited here, not by Quartz: its pool can lose a poll thread it has just
    // handed a job to, when the stop comes before the thread takes it, and would then wait for it
    // forever (quartz-scheduler/quartz#448).
    try {
      if (due != null) {
        due.stop();
        due.awaitPollsUnderWay();
      } else {
        runs.closeAndAwait(); // the partitions' feeds not polled stay due for the other nodes
      }
      scheduler.shutdown(false);
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

  /** A job's trigger, fired every sweep; a sweep missed while the job runs is not made up for. */
  private Trigger sweeping(JobKey job) {
    return TriggerBuilder.newTrigger()
        .withIdentity(TriggerKey.triggerKey(job.getName(), GROUP))
        .forJob(job)
        .startNow()
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(sweep.toMillis())
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}
