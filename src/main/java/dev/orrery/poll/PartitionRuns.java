package dev.orrery.poll;

/**
 * The partition runs under way on one node of a cluster, and the stop that ends them: once closed,
 * a run that begins does nothing, and those under way end after the feed each is polling. The stop
 * waits for them itself rather than through Quartz, whose pool can lose a worker it has just handed
 * a run to and then wait for it forever (quartz-scheduler/quartz#448).
 */
final class PartitionRuns {
  private int running;
  private boolean closed;

  /** A run begins: false once the node stops, when the run must leave its partition alone. */
  synchronized boolean enter() {
    if (closed) {
      return false;
    }
    running++;
    return true;
  }

  /** A run that {@link #enter entered} is over. */
  synchronized void exit() {
    running--;
    if (running == 0) {
      notifyAll();
    }
  }

  /** Whether the node is stopping: a run ends after the feed it is polling. */
  synchronized boolean closed() {
    return closed;
  }

  /** No run begins any more; returns once the runs under way are over. */
  synchronized void closeAndAwait() {
    closed = true;
    StopWait.until(this, () -> running == 0);
  }
}
