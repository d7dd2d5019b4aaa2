package dev.orrery.store;

import dev.orrery.config.Config;
import dev.orrery.config.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * One real PostgreSQL server for the whole test JVM, started on first use from the binaries on the
 * test class path (as root too: zonky runs the server in a user namespace), and a fresh database on
 * it for each test that asks. The tests connect as {@link #USER} with a password, as Orrery
 * connects to a real server.
 */
public final class EmbeddedPostgresql {
  public static final String USER = "orrery";
  public static final Secret PASSWORD = new Secret("orrery-test-password");
  private static final String TEMPLATE = "orrery_template";

  private static EmbeddedPostgres server;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private EmbeddedPostgresql() {}

  /**
   * The JDBC URL of a new database that {@link #USER} owns, with the schema already migrated: a
   * copy of a template the migrations ran on once, which is much faster than migrating each.
   */
  public static String newDatabase() {
    return create(TEMPLATE);
  }

  /** The JDBC URL of a new database without any table, that {@link #USER} owns. */
  public static String emptyDatabase() {
    return create("template0");
  }

  /**
   * The JDBC URL of a new database that {@link #USER} owns, a copy of the one at {@code url} (made
   * by {@link #newDatabase()}), to which nobody may be connected: a large fixture is made once.
   */
  public static String copyOf(String url) {
    return create(url.substring(url.lastIndexOf('/') + 1));
  }

  private static synchronized String create(String template) {
    EmbeddedPostgres pg = server();
    String name = "orrery_" + DATABASES.incrementAndGet();
    admin("CREATE DATABASE " + name + " OWNER " + USER + " TEMPLATE " + template);
    return url(pg.getPort(), name);
  }

  /** The settings Orrery opens a new database with. */
  public static Config.Database settings(int poolSize) {
    return new Config.Database(newDatabase(), poolSize, USER, PASSWORD);
  }

  public static String url(int port, String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  public static int port() {
    return server().getPort();
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                // a test server: losing it in a crash costs nothing, so no waits for the disk
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("synchronous_commit", "off")
                .setDataDirectoryCustomizer(EmbeddedPostgresql::passwordsOverTcp)
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("start the embedded PostgreSQL", e);
      }
      admin("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD.reveal() + "'");
      admin("CREATE DATABASE " + TEMPLATE + " OWNER " + USER);
      Flyway.configure()
          .dataSource(url(server.getPort(), TEMPLATE), USER, PASSWORD.reveal())
          .locations(Dialect.POSTGRESQL.migrations())
          .load()
          .migrate();
    }
    return server;
  }

  /** The superuser keeps zonky's trust; every other user must give its password. */
  private static void passwordsOverTcp(java.io.File dataDirectory) {
    try {
      Files.writeString(
          Path.of(dataDirectory.getPath(), "pg_hba.conf"),
          "host all postgres 127.0.0.1/32 trust\n"
              + "host all postgres ::1/128 trust\n"
              + "host all all 127.0.0.1/32 scram-sha-256\n"
              + "host all all ::1/128 scram-sha-256\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void admin(String sql) {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
