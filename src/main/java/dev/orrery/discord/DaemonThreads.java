package dev.orrery.discord;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The bot's own threads: named for their job, and never what keeps the process alive. */
final class DaemonThreads {
  private DaemonThreads() {}

  /** Makes threads named {@code prefix-1}, {@code prefix-2}… */
  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
