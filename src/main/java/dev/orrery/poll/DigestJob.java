package dev.orrery.poll;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz job of one subscription's digest: close every period due by now. */
@DisallowConcurrentExecution
public final class DigestJob implements Job {
  static final String SUBSCRIPTION_ID = "subscriptionId";
  private static final Logger log = LoggerFactory.getLogger(DigestJob.class);

  private final DigestScheduler scheduler;

  DigestJob(DigestScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void execute(JobExecutionContext context) {
    long subscriptionId = context.getMergedJobDataMap().getLong(SUBSCRIPTION_ID);
    try {
      scheduler.closeDue(subscriptionId);
    } catch (RuntimeException e) {
      // the entries stay held: the next due time, or the next start, closes the period
      log.error("Closing the digest of subscription {} failed", subscriptionId, e);
    }
  }
}
