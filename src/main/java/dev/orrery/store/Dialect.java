package dev.orrery.store;

import com.zaxxer.hikari.HikariConfig;
import dev.orrery.config.Config;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * The databases Orrery keeps its state in, and all that differs between them: where their
 * migrations are, how their connections are set up, and what their errors mean to a person. The
 * stores' SQL is the same on both.
 */
public enum Dialect {
  /** One file, one node: the default. */
  SQLITE("jdbc:sqlite:", "sqlite") {
    @Override
    void configure(HikariConfig hikari, Config.Database settings) {
      // passed as sqlite-jdbc data-source properties so that every pooled connection gets them:
      // an init SQL of several statements would apply only its first PRAGMA
      hikari.addDataSourceProperty("journal_mode", "WAL");
      hikari.addDataSourceProperty("synchronous", "NORMAL");
      hikari.addDataSourceProperty("foreign_keys", "true");
      hikari.addDataSourceProperty("busy_timeout", "15000");
      // BEGIN IMMEDIATE: a writer takes the lock up front instead of failing at its first write
      hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    }

    @Override
    String location(String url) {
      Path file = sqliteFile(url);
      return file == null ? url : file.toAbsolutePath().toString();
    }

    @Override
    boolean diskFull(SQLException e) {
      return (e.getErrorCode() & 0xff) == SQLITE_FULL;
    }

    @Override
    String reason(SQLException e, Config.Database settings, Keys keys, String location) {
      String known = SQLITE_REASONS.get(e.getErrorCode() & 0xff);
      return known == null ? null : known.replace("DATABASE", location);
    }
  },

  /** A server that several nodes share. */
  POSTGRESQL("jdbc:postgresql:", "postgresql") {
    @Override
    void configure(HikariConfig hikari, Config.Database settings) {
      if (settings.username() != null) {
        hikari.setUsername(settings.username());
      }
      if (!settings.password().isEmpty()) {
        hikari.setPassword(settings.password().reveal());
      }
      // names Orrery's sessions in pg_stat_activity
      hikari.addDataSourceProperty("ApplicationName", "orrery");
      // a server cut off by the network leaves sockets open: without these a statement waits
      // for TCP to give up (minutes), and a node could neither stop nor notice it is cut off
      hikari.addDataSourceProperty("connectTimeout", "10");
      hikari.addDataSourceProperty("socketTimeout", "60");
      // the clustered poll's Quartz takes its connections from this pool too; its own threads
      // (acquiring triggers, checking in, handling misfires) get room beyond database.pool-size,
      // which the poll threads and the rest of the app share: a checkin kept waiting for a
      // connection past its interval makes the other nodes take this one for dead
      hikari.setMaximumPoolSize(settings.poolSize() + QUARTZ_OWN_CONNECTIONS);
    }

    @Override
    String location(String url) {
      Properties parts = org.postgresql.Driver.parseURL(url, new Properties());
      if (parts == null) {
        return "the PostgreSQL database of database.url";
      }
      return "the PostgreSQL database "
          + parts.getProperty("PGDBNAME")
          + " at "
          + server(parts.getProperty("PGHOST"), parts.getProperty("PGPORT"));
    }

    @Override
    boolean diskFull(SQLException e) {
      return PG_DISK_FULL.equals(e.getSQLState());
    }

    @Override
    String reason(SQLException e, Config.Database settings, Keys keys, String location) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      Properties parts = org.postgresql.Driver.parseURL(settings.url(), new Properties());
      String server =
          parts == null
              ? "the server of " + keys.url()
              : server(parts.getProperty("PGHOST"), parts.getProperty("PGPORT"));
      String cannot = "cannot connect to PostgreSQL at " + server;
      if (state.equals("28P01") || state.equals("28000")) {
        return cannot
            + " (authentication failed for user "
            + user(settings, parts)
            + "): check "
            + keys.username()
            + " and "
            + keys.password();
      }
      if (state.equals("3D000")) {
        return location + " does not exist: create it, or correct " + keys.url();
      }
      if (state.startsWith("08") || state.equals("57P03")) {
        return cannot + why(e) + ": check that the server runs and " + keys.url() + " names it";
      }
      return null;
    }
  };

  /** Quartz's scheduler thread, cluster manager and misfire handler, each holding one at most. */
  static final int QUARTZ_OWN_CONNECTIONS = 3;

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

  private final String prefix;
  private final String folder;

  Dialect(String prefix, String folder) {
    this.prefix = prefix;
    this.folder = folder;
  }

  /** The dialect of a JDBC URL; config's rule for database.url lets only these through. */
  static Dialect of(String url) {
    for (Dialect dialect : values()) {
      if (url.startsWith(dialect.prefix)) {
        return dialect;
      }
    }
    throw new IllegalArgumentException("database.url is not a SQLite or PostgreSQL JDBC URL");
  }

  /**
   * The names a person gave a database's URL, user and password under, for the messages that tell
   * them what to correct.
   */
  public record Keys(String url, String username, String password) {
    /**
     * The configuration's keys, which every command but {@code migrate} opens the database with.
     */
    public static final Keys CONFIG =
        new Keys("database.url", "database.username", "database.password");
  }

  /** Where Flyway finds this dialect's migrations; both folders have the same versions. */
  String migrations() {
    return "classpath:db/migration/" + folder;
  }

  /** Sets what this dialect needs on the pool and on every connection it makes. */
  abstract void configure(HikariConfig hikari, Config.Database settings);

  /** Where the database is, for people; never with a password. */
  abstract String location(String url);

  abstract boolean diskFull(SQLException e);

  /**
   * Our words for what the database said, or null when we have none; {@code keys} are what the
   * person set the URL, user and password with.
   */
  abstract String reason(SQLException e, Config.Database settings, Keys keys, String location);

  /** The file of a {@code jdbc:sqlite:} URL, or null for an in-memory or URI-style database. */
  static Path sqliteFile(String url) {
    if (of(url) != SQLITE) {
      return null;
    }
    String path = url.substring(SQLITE.prefix.length());
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.isEmpty() || path.equals(":memory:") || path.startsWith("file:")) {
      return null;
    }
    return Path.of(path);
  }

  private static String server(String hosts, String ports) {
    return hosts.contains(",") ? hosts + " (ports " + ports + ")" : hosts + ":" + ports;
  }

  /** The user the driver logs in as: the configured one, the URL's, else the system's. */
  private static String user(Config.Database settings, Properties parts) {
    if (settings.username() != null) {
      return settings.username();
    }
    String inUrl = parts == null ? null : parts.getProperty("user");
    return inUrl != null ? inUrl : System.getProperty("user.name");
  }

  /** Why a connection failed, from the driver's cause: " (connection refused)" or nothing. */
  private static String why(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return " (connection refused)";
      }
      if (t instanceof UnknownHostException) {
        return " (unknown host)";
      }
      if (t instanceof SocketTimeoutException) {
        return " (no answer in time)";
      }
    }
    return "";
  }
}
