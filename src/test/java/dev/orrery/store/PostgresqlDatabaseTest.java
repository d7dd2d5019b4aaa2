package dev.orrery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orrery.config.Config;
import dev.orrery.config.Secret;
import dev.orrery.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Opening a PostgreSQL database, and why it could not be opened, in words a person can act on. */
class PostgresqlDatabaseTest {
  @Test
  void aWrongPasswordIsNamedWithTheUserAndTheKeysToCheckButNeverShown() {
    String url = EmbeddedPostgresql.newDatabase();
    Secret wrong = new Secret("not-the-password-of-orrery");
    assertThatThrownBy(
            () -> Database.open(new Config.Database(url, 1, EmbeddedPostgresql.USER, wrong)))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "store: unable to open the database: cannot connect to PostgreSQL at localhost:"
                + EmbeddedPostgresql.port()
                + " (authentication failed for user orrery): check database.username and"
                + " database.password")
        .message()
        .doesNotContain(wrong.reveal());
  }

  @Test
  void aPortNobodyListensOnIsAConnectionRefused() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String url = EmbeddedPostgresql.url(closed, "orrery");
    assertThatThrownBy(
            () ->
                Database.open(
                    new Config.Database(
                        url, 1, EmbeddedPostgresql.USER, EmbeddedPostgresql.PASSWORD)))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "store: unable to open the database: cannot connect to PostgreSQL at localhost:"
                + closed
                + " (connection refused): check that the server runs and database.url names it");
  }

  @Test
  void aDatabaseThatDoesNotExistIsToBeCreated() {
    String url = EmbeddedPostgresql.url(EmbeddedPostgresql.port(), "nowhere");
    assertThatThrownBy(
            () ->
                Database.open(
                    new Config.Database(
                        url, 1, EmbeddedPostgresql.USER, EmbeddedPostgresql.PASSWORD)))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "store: unable to open the database: the PostgreSQL database nowhere at localhost:"
                + EmbeddedPostgresql.port()
                + " does not exist: create it, or correct database.url");
  }

  @Test
  void anEmptyDatabaseGetsTheWholeSchemaAndSaysWhereItIs() {
    Config.Database settings =
        new Config.Database(
            EmbeddedPostgresql.emptyDatabase(),
            2,
            EmbeddedPostgresql.USER,
            EmbeddedPostgresql.PASSWORD);
    try (Database db = Database.open(settings)) {
      List<String> tables =
          db.withConnection(
              "list tables",
              c ->
                  Sql.list(
                      c,
                      "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                          + " 'public' ORDER BY table_name",
                      rs -> rs.getString(1)));
      assertThat(tables)
          .contains("feeds", "entries", "subscriptions", "deliveries", "digests", "webhooks");
      assertThat(db.location())
          .matches("the PostgreSQL database orrery_\\d+ at localhost:" + EmbeddedPostgresql.port());
    }
  }

  @Test
  void aConsoleRunHoldsAnAdvisoryLockOfTheServerThatOthersWaitFor() throws Exception {
    Config.Database settings = EmbeddedPostgresql.settings(2);
    try (Database db = Database.open(settings)) {
      CountDownLatch told = new CountDownLatch(1);
      CompletableFuture<ConsoleLock> second;
      try (ConsoleLock first = db.lockConsole(() -> {})) {
        assertThat(advisoryLocks(db)).isEqualTo(1);
        assertThat(db.tryLockConsole()).isNull();
        second =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return db.lockConsole(told::countDown);
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
        assertThat(told.await(30, TimeUnit.SECONDS)).isTrue();
      }
      try (ConsoleLock after = second.get(30, TimeUnit.SECONDS)) {
        assertThat(after).isNotNull();
        assertThat(advisoryLocks(db)).isEqualTo(1);
      }
      // closing the lock's session releases it; the server ends that session a moment later
      Await.until(Duration.ofSeconds(10), "the lock released", () -> advisoryLocks(db) == 0);
    }
  }

  private static int advisoryLocks(Database db) {
    return db.withConnection(
        "count the advisory locks",
        c ->
            Sql.one(
                    c,
                    "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database ="
                        + " (SELECT oid FROM pg_database WHERE datname = current_database())",
                    rs -> rs.getInt(1))
                .orElse(0));
  }
}
