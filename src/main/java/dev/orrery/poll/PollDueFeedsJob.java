package dev.orrery.poll;

import dev.orrery.store.Feed;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of one poll thread of a node that polls alone: refresh the node's due feeds, one
 * after another, until none is due. As many run as there are poll threads, each fired again every
 * sweep, and they share one {@link DueFeeds}.
 */
@DisallowConcurrentExecution
public final class PollDueFeedsJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(PollDueFeedsJob.class);

  private final DueFeeds due;
  private final FeedRefresher refresher;

  PollDueFeedsJob(DueFeeds due, FeedRefresher refresher) {
    this.due = due;
    this.refresher = refresher;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      // a full disk holds polling back: the feeds stay due until there is room
      while (refresher.heldUntil() == null) {
        Feed feed = due.take();
        if (feed == null) {
          return;
        }
        try {
          refresher.refresh(feed);
        } finally {
          due.done(feed.id());
        }
      }
    } catch (RuntimeException e) {
      // a database that does not answer: the next sweep tries again
      log.error("Polling the due feeds failed unexpectedly", e);
    }
  }
}
