package dev.orrery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orrery.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Opening a database, its connections and its transactions: SQLite, and what both dialects share.
 */
class DatabaseTest {
  @TempDir Path dir;

  @Test
  void everyPooledConnectionHasWalForeignKeysAndBusyTimeout() throws SQLException {
    try (Database db = StoreFixture.open(dir)) {
      // hold several connections at once so the pool must create more than one
      List<Connection> held = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          held.add(db.dataSource().getConnection());
        }
        for (Connection c : held) {
          assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
          assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
          assertThat(pragma(c, "busy_timeout")).isEqualTo("15000");
        }
      } finally {
        for (Connection c : held) {
          c.close();
        }
      }
    }
  }

  @Test
  void aDatabaseThatCannotBeOpenedIsExplainedInOurWordsNotSqlites() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("a-folder.db"));
    assertThatThrownBy(() -> Database.open(new Config.Database("jdbc:sqlite:" + folder, 1)))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "store: unable to open the database: cannot open "
                + folder
                + ": check that its folder exists and is writable")
        .message()
        .doesNotContain("SQLITE");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void anErrorInsideATransactionIsNotHiddenByTheRollbackAndNamesWhatWasAttempted(Dialect dialect) {
    try (Database db = StoreFixture.open(dialect, dir)) {
      assertThatThrownBy(
              () ->
                  db.inTransaction(
                      "add a row to a table that does not exist",
                      c -> c.createStatement().executeUpdate("INSERT INTO nowhere VALUES (1)")))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("store: unable to add a row to a table that does not exist: ")
          .rootCause()
          .hasMessageContaining(
              dialect == Dialect.SQLITE
                  ? "[SQLITE_ERROR] SQL error or missing database (no such table: nowhere)"
                  : "relation \"nowhere\" does not exist");
      boolean stillWorks = db.withConnection("check the pool", c -> c.isValid(1));
      assertThat(stillWorks).isTrue();
    }
  }

  @Test
  void createsTheFolderOfTheFileAndMigratesTheSchema() {
    Path nested = dir.resolve("a/b/orrery.db");
    try (Database db = Database.open(new Config.Database("jdbc:sqlite:" + nested, 2))) {
      List<String> tables =
          db.withConnection(
              "list tables",
              c ->
                  Sql.list(
                      c,
                      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                      rs -> rs.getString(1)));
      assertThat(tables).contains("feeds", "entries", "subscriptions", "deliveries");
    }
    assertThat(Files.exists(nested)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void reopeningAMigratedDatabaseKeepsItsRows(Dialect dialect) {
    Config.Database settings = StoreFixture.settings(dialect, dir, 2);
    try (Database db = Database.open(settings)) {
      new FeedStore(db).findOrCreate("https://example.org/feed", StoreFixture.T0);
    }
    try (Database db = Database.open(settings)) {
      assertThat(new FeedStore(db).findByUrl("https://example.org/feed")).isPresent();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aFailedTransactionLeavesNothingBehind(Dialect dialect) {
    try (Database db = StoreFixture.open(dialect, dir)) {
      assertThatThrownBy(
              () ->
                  db.inTransaction(
                      "add two feeds",
                      c -> {
                        Sql.update(
                            c,
                            "INSERT INTO feeds (url, created_at, next_poll_at) VALUES ('a', 0, 0)");
                        Sql.update(
                            c,
                            "INSERT INTO feeds (url, created_at, next_poll_at) VALUES ('a', 0, 0)");
                        return null;
                      }))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("store: unable to add two feeds:");
      assertThat(new FeedStore(db).findByUrl("a")).isEmpty();
    }
  }

  @Test
  void anUnusableUrlIsReportedWithWhatWasAttempted() {
    Path blocked = dir.resolve("file-not-folder");
    assertThatThrownBy(
            () -> {
              Files.writeString(blocked, "x");
              Database.open(new Config.Database("jdbc:sqlite:" + blocked.resolve("orrery.db"), 2))
                  .close();
            })
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("create the database folder");
  }

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
