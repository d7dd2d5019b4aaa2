package dev.orrery.store;

import dev.orrery.store.CopiedTables.Column;
import dev.orrery.store.CopiedTables.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Copies a SQLite database into an empty PostgreSQL one, ids and all, for a bot that grows from one
 * machine to several: every application table in one PostgreSQL transaction, so that a failure
 * leaves the target as empty as it was, then the rows of each table counted on both sides.
 */
public final class DatabaseCopy {
  /** Rows sent to PostgreSQL at once, and read from SQLite at once: memory stays flat. */
  private static final int BATCH = 1000;

  private final Database source;
  private final Database target;

  public DatabaseCopy(Database source, Database target) {
    if (source.dialect() != Dialect.SQLITE || target.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("a copy goes from SQLite to PostgreSQL");
    }
    this.source = source;
    this.target = target;
  }

  /** What a copy came to. */
  public sealed interface Result {
    /** Every table was copied; the counts say whether each arrived whole. */
    record Copied(List<Count> counts) implements Result {
      public boolean complete() {
        return counts.stream().allMatch(Count::matches);
      }
    }

    /** Nothing was copied, for this reason. */
    record Refused(String reason) implements Result {}
  }

  /** A table's rows in the source and, after the copy, in the target. */
  public record Count(String table, long source, long target) {
    public boolean matches() {
      return source == target;
    }
  }

  /** Told of each table once its rows are sent. */
  @FunctionalInterface
  public interface Progress {
    void copied(String table, long rows);
  }

  /** What keeps {@code url} from being the SQLite database a copy starts from, or null. */
  public static String sourceProblem(String url) {
    if (Dialect.of(url) != Dialect.SQLITE) {
      return "it names a PostgreSQL database: migrate copies from SQLite";
    }
    Path file = Dialect.sqliteFile(url);
    if (file == null) {
      return "it names no SQLite file";
    }
    if (!Files.isRegularFile(file)) {
      return file.toAbsolutePath() + " does not exist";
    }
    return null;
  }

  /** What keeps {@code url} from being the PostgreSQL database a copy goes to, or null. */
  public static String targetProblem(String url) {
    if (!url.startsWith("jdbc:postgresql:")
        || org.postgresql.Driver.parseURL(url, new Properties()) == null) {
      return "is not a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/orrery";
    }
    return null;
  }

  /**
   * Copies every row, unless an {@code orrery poll} holds the source or the target holds any row.
   * The source is read in one transaction, so that what is counted is what was copied.
   */
  public Result run(Progress progress) {
    try (ConsoleLock console = source.tryLockConsole()) {
      if (console == null) {
        return new Result.Refused(
            "an orrery poll is using " + source.location() + ": stop it, then migrate");
      }
      return source.inTransaction(
          "read " + source.location(),
          from -> {
            List<Table> tables =
                target.withConnection(
                    "read the schema of " + target.location(), to -> CopiedTables.read(from, to));
            Result.Refused refused =
                target.inTransaction(
                    "copy into " + target.location(), to -> copyAll(tables, from, to, progress));
            if (refused != null) {
              return refused;
            }
            List<Count> counts = new ArrayList<>();
            for (Table table : tables) {
              long copied =
                  target.withConnection(
                      "count the rows of " + table.name(), to -> count(to, table.name()));
              counts.add(new Count(table.name(), count(from, table.name()), copied));
            }
            return new Result.Copied(List.copyOf(counts));
          });
    }
  }

  /** The refusal when the target holds rows, else null once every table is copied. */
  private Result.Refused copyAll(
      List<Table> tables, Connection from, Connection to, Progress progress) throws SQLException {
    List<String> held = new ArrayList<>();
    for (Table table : tables) {
      long rows = count(to, table.name());
      if (rows > 0) {
        held.add(
            rows + (held.isEmpty() ? (rows == 1 ? " row" : " rows") : "") + " in " + table.name());
      }
    }
    if (!held.isEmpty()) {
      return new Result.Refused(
          target.location()
              + " already holds "
              + String.join(", ", held)
              + ": migrate only into an empty database");
    }
    for (Table table : tables) {
      try {
        progress.copied(table.name(), copy(table, from, to));
        continueIdentity(table, to);
      } catch (SQLException e) {
        // named here, where the table is known; the transaction then leaves the target empty
        throw new StoreException(
            "copy the rows of " + table.name() + " into " + target.location(), e);
      }
    }
    return null;
  }

  /** Streams a table's rows from SQLite into PostgreSQL in batches; answers how many. */
  private static long copy(Table table, Connection from, Connection to) throws SQLException {
    String names = table.columns().stream().map(Column::name).collect(Collectors.joining(", "));
    String marks = table.columns().stream().map(c -> "?").collect(Collectors.joining(", "));
    long rows = 0;
    try (Statement read = from.createStatement();
        PreparedStatement write =
            to.prepareStatement(
                "INSERT INTO " + table.name() + " (" + names + ") VALUES (" + marks + ")")) {
      read.setFetchSize(BATCH);
      try (ResultSet rs = read.executeQuery("SELECT " + names + " FROM " + table.name())) {
        while (rs.next()) {
          for (int i = 0; i < table.columns().size(); i++) {
            // the driver converts SQLite's integers to the column's type, 0 and 1 to a BOOLEAN's
            write.setObject(i + 1, rs.getObject(i + 1), table.columns().get(i).targetType());
          }
          write.addBatch();
          if (++rows % BATCH == 0) {
            write.executeBatch();
          }
        }
      }
      write.executeBatch();
    }
    return rows;
  }

  /**
   * Moves the table's identity past the ids the copy brought, so that the next row PostgreSQL
   * numbers gets a new one; ALTER TABLE, unlike setval, goes back with the transaction.
   */
  private static void continueIdentity(Table table, Connection to) throws SQLException {
    if (table.identity() == null) {
      return;
    }
    Long highest =
        Sql.one(
                to,
                "SELECT MAX(" + table.identity() + ") FROM " + table.name(),
                rs -> {
                  long max = rs.getLong(1);
                  return rs.wasNull() ? null : max;
                })
            .orElse(null);
    if (highest != null) {
      try (Statement s = to.createStatement()) {
        s.execute(
            "ALTER TABLE "
                + table.name()
                + " ALTER COLUMN "
                + table.identity()
                + " RESTART WITH "
                + (highest + 1));
      }
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    return Sql.one(c, "SELECT COUNT(*) FROM " + table, rs -> rs.getLong(1)).orElse(0L);
  }
}
