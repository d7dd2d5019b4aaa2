package dev.orrery.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.orrery.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and schema of Orrery's database.
 *
 * <p>SQLite settings are passed as sqlite-jdbc data-source properties so that every pooled
 * connection gets them: an init SQL of several statements would apply only its first PRAGMA.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Opens the pool, creating the SQLite file's folder, and migrates the schema. */
  public static Database open(Config.Database settings) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("orrery-db");
    hikari.setJdbcUrl(settings.url());
    hikari.setMaximumPoolSize(settings.poolSize());
    hikari.setMinimumIdle(1);
    hikari.setAutoCommit(true);
    createFolder(settings.url());
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
      throw new StoreException("open the database " + settings.url(), e);
    }
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration/sqlite").load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException("migrate the database schema", e);
    }
    return new Database(ds);
  }

  private static void createFolder(String url) {
    String path = url.substring("jdbc:sqlite:".length());
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.isEmpty() || path.equals(":memory:") || path.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(path).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StoreException("create the database folder " + parent, e);
    }
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
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(attempted, e);
    }
  }

  /** Runs {@code work} on a pooled connection in auto-commit mode. */
  public <T> T withConnection(String attempted, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(attempted, e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /** Work done with a connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
