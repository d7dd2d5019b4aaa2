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
 * through a lock on a file beside a SQLite database, which the operating system releases when the
 * process ends, however it ends, or through a PostgreSQL advisory lock of a session of this
 * process, which the server releases when the session ends; runs in one process also take a lock of
 * this process.
 */
public final class ConsoleLock implements AutoCloseable {
  private static final Map<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

  private final Semaphore inProcess;
  private final FileChannel channel;
  private final FileLock lock;
  private final AdvisoryLock advisory;

  private ConsoleLock(
      Semaphore inProcess, FileChannel channel, FileLock lock, AdvisoryLock advisory) {
    this.inProcess = inProcess;
    this.channel = channel;
    this.lock = lock;
    this.advisory = advisory;
  }

  /**
   * Takes the console's advisory lock of the PostgreSQL database {@code database} names, in a
   * session of its own held until closed; {@code waiting} (null: give up at once) is told once when
   * another run holds it.
   */
  static ConsoleLock takeAdvisory(AdvisoryLock.Sessions sessions, String database, Runnable waiting)
      throws InterruptedException {
    Turn turn = turn(database, waiting);
    if (turn == null) {
      return null;
    }
    Semaphore inProcess = turn.inProcess();
    try {
      AdvisoryLock advisory =
          AdvisoryLock.take(sessions, waiting != null, turn.told() ? null : waiting);
      if (advisory == null) {
        inProcess.release();
        return null;
      }
      return new ConsoleLock(inProcess, null, null, advisory);
    } catch (RuntimeException | InterruptedException e) {
      inProcess.release();
      throw e;
    }
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
    Turn turn = turn(key, waiting);
    if (turn == null) {
      return null;
    }
    Semaphore inProcess = turn.inProcess();
    boolean toldWaiting = turn.told();
    if (file == null) {
      return new ConsoleLock(inProcess, null, null, null);
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
      return new ConsoleLock(inProcess, channel, lock, null);
    } catch (IOException e) {
      closeQuietly(channel);
      inProcess.release();
      throw new StoreException("lock " + lockFile + " for the console", e);
    }
  }

  /** This process's turn at a database. */
  private record Turn(Semaphore inProcess, boolean told) {}

  /**
   * Waits for this process's turn at the database {@code key} names, telling {@code waiting} when
   * another run of this process has it; with {@code waiting} null, gives up (null) instead.
   */
  private static Turn turn(String key, Runnable waiting) throws InterruptedException {
    Semaphore inProcess = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1));
    if (inProcess.tryAcquire()) {
      return new Turn(inProcess, false);
    }
    if (waiting == null) {
      return null;
    }
    waiting.run();
    inProcess.acquire();
    return new Turn(inProcess, true);
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
      if (advisory != null) {
        advisory.close();
      }
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
