package dev.orrery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The console's PostgreSQL advisory lock, held by a session of its own: the server releases it when
 * the session ends, however the process ends. Not a pooled connection, which would go back to the
 * pool still holding the lock.
 */
final class AdvisoryLock implements AutoCloseable {
  /** Any fixed number: advisory locks belong to one database, and this one is the console's. */
  private static final long CONSOLE = 0x6f72726572790001L;

  private static final Duration RETRY = Duration.ofMillis(200);

  private final Connection session;

  private AdvisoryLock(Connection session) {
    this.session = session;
  }

  /** Opens a session of its own. */
  @FunctionalInterface
  interface Sessions {
    Connection open() throws SQLException;
  }

  /**
   * Takes the lock; when another session holds it, gives up (null) unless {@code wait}, then tells
   * {@code waiting} (unless null) and tries again until it is free.
   */
  static AdvisoryLock take(Sessions sessions, boolean wait, Runnable waiting)
      throws InterruptedException {
    Connection session = null;
    try {
      session = sessions.open();
      boolean told = waiting == null;
      while (!tryLock(session)) {
        if (!wait) {
          session.close();
          return null;
        }
        if (!told) {
          waiting.run();
          told = true;
        }
        // tried again rather than pg_advisory_lock, which a thread could not be interrupted out of
        Thread.sleep(RETRY.toMillis());
      }
      return new AdvisoryLock(session);
    } catch (SQLException e) {
      closeQuietly(session);
      throw new StoreException("lock the database for the console", e);
    } catch (InterruptedException | RuntimeException e) {
      closeQuietly(session);
      throw e;
    }
  }

  private static boolean tryLock(Connection session) throws SQLException {
    try (PreparedStatement ps = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      ps.setLong(1, CONSOLE);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** Ends the session, and with it the lock. */
  @Override
  public void close() {
    closeQuietly(session);
  }

  private static void closeQuietly(Connection session) {
    if (session == null) {
      return;
    }
    try {
      session.close();
    } catch (SQLException e) {
      // a session that cannot even close is gone: the server has dropped its locks
    }
  }
}
