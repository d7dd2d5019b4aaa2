package dev.orrery.poll;

import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.Trigger.TriggerState;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of one partition of the feeds in a cluster: refresh the partition's watched feeds
 * that are due, one after another. Quartz runs it on one node at a time, cluster-wide, and again on
 * another node when the one running it dies; each refresh moves its feed's next poll time, so a
 * feed is polled once per due time.
 */
@DisallowConcurrentExecution
public final class PollPartitionJob implements Job {
  static final String PARTITION = "partition";
  static final String PARTITIONS = "partitions";

  /**
   * Feeds refreshed in one run at most: a busy partition gives its thread back to the other
   * partitions between runs, and queues its next run at once (see {@link #queueNextRun}).
   */
  static final int BATCH = 100;

  private static final Logger log = LoggerFactory.getLogger(PollPartitionJob.class);

  private final FeedStore feeds;
  private final FeedRefresher refresher;
  private final InstantSource clock;
  private final PartitionRuns runs;

  PollPartitionJob(
      FeedStore feeds, FeedRefresher refresher, InstantSource clock, PartitionRuns runs) {
    this.feeds = feeds;
    this.refresher = refresher;
    this.clock = clock;
    this.runs = runs;
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    int partition = data.getIntValue(PARTITION);
    int partitions = data.getIntValue(PARTITIONS);
    if (!runs.enter()) {
      return; // the node is stopping: the partition's feeds stay due for the others
    }
    try {
      List<Feed> due;
      try {
        due = refreshDue(partition, partitions);
      } finally {
        flushUnchanged(partition, partitions);
      }
      if (due.size() == BATCH && !runs.closed() && movedOn(due.get(0), partition, partitions)) {
        queueNextRun(context);
      }
    } catch (SchedulerException e) {
      log.warn(
          "Could not queue the next run of partition {} of {}: the next sweep polls the rest ({})",
          partition,
          partitions,
          e.getMessage());
    } catch (RuntimeException e) {
      // the next run, here or on another node, tries the feeds still due
      log.error("Polling partition {} of {} failed unexpectedly", partition, partitions, e);
    } finally {
      runs.exit();
    }
  }

  /** The due feeds read, refreshed until the node stops or a full disk holds polling back. */
  private List<Feed> refreshDue(int partition, int partitions) {
    // a full disk holds polling back: the feeds stay due until there is room
    if (refresher.heldUntil() != null) {
      return List.of();
    }
    List<Feed> due = feeds.dueInPartition(partition, partitions, clock.instant(), BATCH);
    for (Feed feed : due) {
      if (runs.closed() || refresher.heldUntil() != null) {
        return List.of();
      }
      refresher.refresh(feed);
    }
    return due;
  }

  /**
   * Whether the run's first feed is no longer the first due: its row was written. A feed whose poll
   * could not be written stays due at the head of every batch, and is left to the next sweep rather
   * than fetched again at once, run after run.
   */
  private boolean movedOn(Feed first, int partition, int partitions) {
    List<Feed> now = feeds.dueInPartition(partition, partitions, clock.instant(), 1);
    return now.isEmpty()
        || now.get(0).id() != first.id()
        || !Objects.equals(now.get(0).nextPollAt(), first.nextPollAt());
  }

  /**
   * More feeds may be due: the partition's next run is queued now, behind the other partitions'
   * runs waiting for a thread, rather than at the next sweep. It is a trigger in the clustered
   * store, so any node may take it; one is queued at most, though the sweep also fires meanwhile.
   */
  private static void queueNextRun(JobExecutionContext context) throws SchedulerException {
    Scheduler scheduler = context.getScheduler();
    JobKey job = context.getJobDetail().getKey();
    boolean queued = false;
    for (Trigger trigger : scheduler.getTriggersOfJob(job)) {
      TriggerKey key = trigger.getKey();
      if (!key.getGroup().equals(PollPartitions.NEXT_RUNS)
          || key.equals(context.getTrigger().getKey())) {
        continue;
      }
      TriggerState state = scheduler.getTriggerState(key);
      if (trigger.getNextFireTime() != null
          && (state == TriggerState.NORMAL || state == TriggerState.BLOCKED)) {
        queued = true;
      } else {
        scheduler.unscheduleJob(key); // left behind (fired, failed): it would never run again
      }
    }
    if (queued) {
      return;
    }
    scheduler.scheduleJob(
        TriggerBuilder.newTrigger()
            .withIdentity(
                job.getName() + "-after-" + context.getFireInstanceId(), PollPartitions.NEXT_RUNS)
            .forJob(job)
            .startNow()
            .build());
  }

  /** The partition's next run may be another node's, which reads the feeds' rows for due times. */
  private void flushUnchanged(int partition, int partitions) {
    try {
      refresher.flushUnchanged();
    } catch (RuntimeException e) {
      // the feeds stay due in their rows: polled once more, nothing lost
      log.warn(
          "Could not record the unchanged polls of partition {} of {}: {}",
          partition,
          partitions,
          e.getMessage());
    }
  }
}
