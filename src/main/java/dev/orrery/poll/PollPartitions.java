package dev.orrery.poll;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition jobs of a cluster in Quartz's clustered store: made once for all the nodes, each on
 * a trigger that repeats every sweep.
 */
final class PollPartitions {
  private static final Logger log = LoggerFactory.getLogger(PollPartitions.class);
  private static final String GROUP = "partitions";

  /** The group of the one-off triggers that run a busy partition again at once. */
  static final String NEXT_RUNS = "partition-next-runs";

  private PollPartitions() {}

  /**
   * Makes the partition jobs of {@code poll.partitions} that do not exist yet, and removes those of
   * another count (an earlier setting): the last node started decides. Nodes starting together may
   * both try to make one; the store keeps the first.
   */
  static void share(Scheduler scheduler, int partitions, Duration sweep) throws SchedulerException {
    Set<JobKey> keys = new HashSet<>();
    for (int p = 0; p < partitions; p++) {
      keys.add(key(p, partitions));
    }
    for (JobKey old : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      if (!keys.contains(old) && scheduler.deleteJob(old)) {
        log.info("Removed the partition job {}: poll.partitions is {} now", old, partitions);
      }
    }
    for (int p = 0; p < partitions; p++) {
      JobKey key = key(p, partitions);
      if (!scheduler.checkExists(key)) {
        make(scheduler, key, p, partitions, sweep);
      }
    }
  }

  static JobKey key(int partition, int partitions) {
    return JobKey.jobKey("partition-" + partition + "-of-" + partitions, GROUP);
  }

  private static void make(
      Scheduler scheduler, JobKey key, int partition, int partitions, Duration sweep)
      throws SchedulerException {
    JobDetail job =
        JobBuilder.newJob(PollPartitionJob.class)
            .withIdentity(key)
            .usingJobData(PollPartitionJob.PARTITION, Integer.toString(partition))
            .usingJobData(PollPartitionJob.PARTITIONS, Integer.toString(partitions))
            // run again elsewhere when the node running it dies
            .requestRecovery()
            .build();
    Trigger sweeping =
        TriggerBuilder.newTrigger()
            .withIdentity(TriggerKey.triggerKey(key.getName(), GROUP))
            .forJob(key)
            .startNow()
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(sweep.toMillis())
                    .repeatForever()
                    // late sweeps are not made up for: the next one finds every due feed
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    try {
      scheduler.scheduleJob(job, sweeping);
    } catch (ObjectAlreadyExistsException e) {
      log.debug("Partition job {} was made by another node meanwhile", key);
    }
  }
}
