package dev.orrery.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Lets one console run at a time use a database: the console is one subscriber, and two runs
 * sharing its subscriptions would print the same entries and delete them under each other. Held
 * through a lock on a file beside the database, which the operating system releases when the
 * process ends, however it ends; runs in one process also take a lock of this process.
 */
public final class ConsoleLock implements AutoCloseable {
  private static final Map<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

  private final Semaphore inProcess;
  private final FileChannel channel;
  private final FileLock lock;

  private ConsoleLock(Semaphore inProcess, FileChannel channel, FileLock lock) {
    this.inProcess = inProcess;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of the database at {@code file} (null for one without a file), waiting for the
   * run that holds it; {@code waiting} is told once when there is one.
   */
  static ConsoleLock take(Path file, Runnable waiting) throws InterruptedException {
    return acquire(file, waiting);
  }

  /** Takes the lock if no console run holds it, else answers null at once. */
  static ConsoleLock tryTake(Path file) {
    try {
      return acquire(file, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** With {@code waiting} null, gives up (null) instead of waiting. */
  private static ConsoleLock acquire(Path file, Runnable waiting) throws InterruptedException {
    String key = file == null ? "" : file.toAbsolutePath().normalize().toString();
    Semaphore inProcess = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1));
    boolean toldWaiting = false;
    if (!inProcess.tryAcquire()) {
      if (waiting == null) {
        return null;
      }
      waiting.run();
      toldWaiting = true;
      inProcess.acquire();
    }
    if (file == null) {
      return new ConsoleLock(inProcess, null, null);
    }
    Path lockFile = Path.of(key + "-console.lock");
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null && waiting == null) {
        closeQuietly(channel);
        inProcess.release();
        return null;
      }
      if (lock == null) {
        if (!toldWaiting) {
          waiting.run();
        }
        lock = channel.lock();
      }
      return new ConsoleLock(inProcess, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      inProcess.release();
      throw new StoreException("lock " + lockFile + " for the console", e);
    }
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      // closing the channel below releases it as well
    } finally {
      closeQuietly(channel);
      inProcess.release();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing is left to release: the lock goes with the channel
    }
  }
}
