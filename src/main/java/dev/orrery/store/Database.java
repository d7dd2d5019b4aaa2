package dev.orrery.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.orrery.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and schema of Orrery's database.
 *
 * <p>SQLite settings are passed as sqlite-jdbc data-source properties so that every pooled
 * connection gets them: an init SQL of several statements would apply only its first PRAGMA.
 */
public final class Database implements AutoCloseable {
  /** SQLite's SQLITE_FULL and PostgreSQL's disk_full: the disk has no room for a write. */
  private static final int SQLITE_FULL = 13;

  private static final String PG_DISK_FULL = "53100";

  /** What SQLite's primary result codes mean to the person running Orrery. */
  private static final Map<Integer, String> SQLITE_REASONS =
      Map.of(
          5, "DATABASE is busy: another program holds it locked",
          8, "DATABASE is read-only: check the permissions of the file and its folder",
          10, "reading or writing DATABASE failed: check the disk",
          11, "DATABASE is damaged",
          14, "cannot open DATABASE: check that its folder exists and is writable",
          26, "DATABASE is not an Orrery database");

  private final HikariDataSource dataSource;
  private final Path file;
  private final String location;

  private Database(HikariDataSource dataSource, Path file, String location) {
    this.dataSource = dataSource;
    this.file = file;
    this.location = location;
  }

  /** Opens the pool, creating the SQLite file's folder, and migrates the schema. */
  public static Database open(Config.Database settings) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("orrery-db");
    hikari.setJdbcUrl(settings.url());
    hikari.setMaximumPoolSize(settings.poolSize());
    hikari.setMinimumIdle(1);
    hikari.setAutoCommit(true);
    Path file = sqliteFile(settings.url());
    String location = file == null ? settings.url() : file.toAbsolutePath().toString();
    createFolder(file);
    hikari.addDataSourceProperty("journal_mode", "WAL");
    hikari.addDataSourceProperty("synchronous", "NORMAL");
    hikari.addDataSourceProperty("foreign_keys", "true");
    hikari.addDataSourceProperty("busy_timeout", "15000");
    // BEGIN IMMEDIATE: a writer takes the lock up front instead of failing at its first write
    hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StoreException("open the database", reason(e, location), e);
    }
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration/sqlite").load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException("migrate the database schema", e);
    }
    return new Database(ds, file, location);
  }

  /** The file of a {@code jdbc:sqlite:} URL, or null for an in-memory or URI-style database. */
  private static Path sqliteFile(String url) {
    String path = url.substring("jdbc:sqlite:".length());
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.isEmpty() || path.equals(":memory:") || path.startsWith("file:")) {
      return null;
    }
    return Path.of(path);
  }

  private static void createFolder(Path file) {
    if (file == null) {
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StoreException("create the database folder " + parent, e);
    }
  }

  /**
   * Waits until no other console run uses this database, then holds it until closed; {@code
   * waiting} is told when another run holds it.
   */
  public ConsoleLock lockConsole(Runnable waiting) throws InterruptedException {
    return ConsoleLock.take(file, waiting);
  }

  /** The console's lock when no console run holds it, else null at once. */
  public ConsoleLock tryLockConsole() {
    return ConsoleLock.tryTake(file);
  }

  /** Where the database is, for people: the SQLite file's absolute path. */
  public String location() {
    return location;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  public <T> T inTransaction(String attempted, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        // SQLite ends the transaction itself on some errors (a full disk): then the rollback
        // fails too, and must not hide the error that matters
        quietly(c::rollback, e);
        throw e;
      } finally {
        restoreAutoCommit(c);
      }
    } catch (SQLException e) {
      throw failure(attempted, e);
    }
  }

  /** Runs {@code work} on a pooled connection in auto-commit mode. */
  public <T> T withConnection(String attempted, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(attempted, e);
    }
  }

  private StoreException failure(String attempted, SQLException e) {
    if (code(e) == SQLITE_FULL || PG_DISK_FULL.equals(e.getSQLState())) {
      return new StoreException.DiskFull(attempted, location, e);
    }
    return new StoreException(attempted, reason(e, location), e);
  }

  /** Our words for what the database said. */
  private static String reason(Throwable e, String database) {
    String known = SQLITE_REASONS.get(code(e));
    return known != null
        ? known.replace("DATABASE", database)
        : "the database answered with an error (the log has the details)";
  }

  /** SQLite's primary result code, from the first SQL exception in the chain, or -1. */
  private static int code(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql.getErrorCode() & 0xff;
      }
    }
    return -1;
  }

  private static void quietly(SqlAction action, Exception primary) {
    try {
      action.run();
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }

  /** Back to auto-commit; a connection that cannot get there leaves the pool instead. */
  private void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      dataSource.evictConnection(c);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  @FunctionalInterface
  private interface SqlAction {
    void run() throws SQLException;
  }

  /** Work done with a connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
