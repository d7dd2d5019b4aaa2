package dev.orrery.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.orrery.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and schema of Orrery's database, on SQLite or PostgreSQL as the URL says;
 * {@link Dialect} holds what differs between the two.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final Config.Database settings;
  private final Path file;
  private final Dialect.Keys keys;
  private final String location;

  private Database(
      HikariDataSource dataSource,
      Dialect dialect,
      Config.Database settings,
      Dialect.Keys keys,
      Path file,
      String location) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.settings = settings;
    this.keys = keys;
    this.file = file;
    this.location = location;
  }

  /** Opens the pool, creating the SQLite file's folder, and migrates the schema. */
  public static Database open(Config.Database settings) {
    return open(settings, Dialect.Keys.CONFIG);
  }

  /**
   * Opens the database as {@link #open(Config.Database)} does, its errors naming {@code keys} as
   * what to correct.
   */
  public static Database open(Config.Database settings, Dialect.Keys keys) {
    return open(settings, keys, false);
  }

  /**
   * Opens the database as {@link #open(Config.Database)} does, for reading beside a running bot: it
   * migrates only when the schema is behind, and on SQLite without waiting for the bot's writers (a
   * migration takes the write lock up front even when there is nothing to do).
   */
  public static Database openToRead(Config.Database settings) {
    return open(settings, Dialect.Keys.CONFIG, true);
  }

  private static Database open(
      Config.Database settings, Dialect.Keys keys, boolean onlyWhenBehind) {
    Dialect dialect = Dialect.of(settings.url());
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("orrery-db");
    hikari.setJdbcUrl(settings.url());
    hikari.setMaximumPoolSize(settings.poolSize());
    hikari.setMinimumIdle(1);
    hikari.setAutoCommit(true);
    dialect.configure(hikari, settings);
    if (onlyWhenBehind && dialect == Dialect.SQLITE) {
      // a reader's transactions take no lock up front: Flyway's, which only reads when there is
      // nothing to migrate, then never waits for a running bot's writers
      hikari.addDataSourceProperty("transaction_mode", "DEFERRED");
    }
    Path file = Dialect.sqliteFile(settings.url());
    String location = dialect.location(settings.url());
    if (onlyWhenBehind && file != null && !Files.exists(file)) {
      // a reader must not leave an empty database behind a mistyped path
      throw new StoreException(
          "open the database",
          "there is no database at "
              + file.toAbsolutePath()
              + ": check database.url, or start the bot once to create it",
          null);
    }
    createFolder(file);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StoreException(
          "open the database", reason(dialect, e, settings, keys, location), e);
    }
    try {
      Flyway flyway = Flyway.configure().dataSource(ds).locations(dialect.migrations()).load();
      if (!onlyWhenBehind || flyway.info().pending().length > 0) {
        flyway.migrate();
      }
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException("migrate the database schema", e);
    }
    return new Database(ds, dialect, settings, keys, file, location);
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
    return dialect == Dialect.POSTGRESQL
        ? ConsoleLock.takeAdvisory(this::session, location, waiting)
        : ConsoleLock.take(file, waiting);
  }

  /** The console's lock when no console run holds it, else null at once. */
  public ConsoleLock tryLockConsole() {
    if (dialect != Dialect.POSTGRESQL) {
      return ConsoleLock.tryTake(file);
    }
    try {
      return ConsoleLock.takeAdvisory(this::session, location, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** A connection outside the pool, whose session ends when it is closed. */
  private Connection session() throws SQLException {
    Properties login = new Properties();
    if (settings.username() != null) {
      login.setProperty("user", settings.username());
    }
    if (!settings.password().isEmpty()) {
      login.setProperty("password", settings.password().reveal());
    }
    return DriverManager.getConnection(settings.url(), login);
  }

  /**
   * Where the database is, for people: the SQLite file's absolute path, or the PostgreSQL database
   * and its server.
   */
  public String location() {
    return location;
  }

  /** Which database this is: SQLite for one node, PostgreSQL for a cluster. */
  public Dialect dialect() {
    return dialect;
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
    if (dialect.diskFull(e)) {
      return new StoreException.DiskFull(attempted, location, e);
    }
    return new StoreException(attempted, reason(dialect, e, settings, keys, location), e);
  }

  /** Our words for what the database said, from the first SQL exception in the chain. */
  private static String reason(
      Dialect dialect, Throwable e, Config.Database settings, Dialect.Keys keys, String location) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String known = dialect.reason(sql, settings, keys, location);
        if (known != null) {
          return known;
        }
      }
    }
    return "the database answered with an error (the log has the details)";
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
