package dev.orrery.poll;

import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import java.time.InstantSource;
import java.util.List;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of one partition of the feeds in a cluster: refresh the partition's watched feeds
 * that are due, one after another. Quartz runs it on one node at a time, cluster-wide, and again on
 * another node when the one running it dies; each refresh moves its feed's next poll time, so a
 * feed is polled once per due time.
 */
@DisallowConcurrentExecution
public final class PollPartitionJob implements InterruptableJob {
  static final String PARTITION = "partition";
  static final String PARTITIONS = "partitions";

  /**
   * Feeds refreshed in one run at most: a busy partition gives its thread back to the other
   * partitions between runs, and asks for its next run at once (see {@link #execute}).
   */
  static final int BATCH = 100;

  private static final Logger log = LoggerFactory.getLogger(PollPartitionJob.class);

  private final FeedStore feeds;
  private final FeedRefresher refresher;
  private final InstantSource clock;
  private volatile boolean stopping;

  PollPartitionJob(FeedStore feeds, FeedRefresher refresher, InstantSource clock) {
    this.feeds = feeds;
    this.refresher = refresher;
    this.clock = clock;
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    int partition = data.getIntValue(PARTITION);
    int partitions = data.getIntValue(PARTITIONS);
    try {
      // a full disk holds polling back: the feeds stay due until there is room
      if (refresher.heldUntil() != null) {
        return;
      }
      List<Feed> due = feeds.dueInPartition(partition, partitions, clock.instant(), BATCH);
      for (Feed feed : due) {
        if (stopping || refresher.heldUntil() != null) {
          return;
        }
        refresher.refresh(feed);
      }
      if (due.size() == BATCH && !stopping) {
        // More may be due: the next run is queued now, behind the other partitions' runs waiting
        // for a thread, rather than at the next sweep. It is a trigger in the clustered store, so
        // any node may take it.
        context.getScheduler().triggerJob(context.getJobDetail().getKey());
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
      flushUnchanged(partition, partitions);
    }
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

  /** The node is stopping: end after the feed under way, leaving the others due. */
  @Override
  public void interrupt() {
    stopping = true;
  }
}
