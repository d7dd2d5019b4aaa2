package dev.orrery.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * What this process costs: CPU time, peak heap and peak RSS, each resettable so one measured cycle
 * gets figures of its own. Peak heap is the largest of the heap in use just before each GC (which
 * is where the peaks are) and a 10 ms sample (for a cycle with no GC at all).
 */
final class ProcessProbe implements AutoCloseable {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private final AtomicLong peakHeap = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  ProcessProbe() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from(
                          (CompositeData) notification.getUserData());
                  peak(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()));
                }
              },
              null,
              null);
    }
    sampler =
        new Thread(
            () -> {
              while (running) {
                peak(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** CPU time of the whole process, all threads, user and system. */
  long cpuNanos() {
    return os.getProcessCpuTime();
  }

  /** Starts a new peak: heap from what is in use now, RSS from the resident set now. */
  void resetPeaks() {
    peakHeap.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    try {
      // "5" resets the kernel's peak RSS (VmHWM) to the current RSS; Linux 4.0 and later
      Files.writeString(CLEAR_REFS, "5");
    } catch (IOException | UnsupportedOperationException e) {
      // then VmHWM is the peak since the process started, still an honest upper bound
    }
  }

  long peakHeapBytes() {
    return peakHeap.get();
  }

  /** VmHWM: the largest resident set since start or the last {@link #resetPeaks}. */
  static long peakRssBytes() {
    return statusKilobytes("VmHWM:") * 1024;
  }

  static long rssBytes() {
    return statusKilobytes("VmRSS:") * 1024;
  }

  private static long statusKilobytes(String field) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private long heapUsed(Map<String, MemoryUsage> byPool) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : byPool.entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    return used;
  }

  private void peak(long used) {
    peakHeap.accumulateAndGet(used, Math::max);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
