package dev.orrery.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Looks (reads only) into the bot's SQLite file from the test JVM, one short connection each. */
final class SqliteFile {
  private final Path file;

  SqliteFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** A single number, or 0 when the database or its tables do not exist yet. */
  long number(String sql) {
    List<String> rows = rows(sql);
    return rows.isEmpty() || rows.get(0) == null ? 0 : Long.parseLong(rows.get(0));
  }

  /** The first column of every row, or nothing when the database or its tables do not exist yet. */
  List<String> rows(String sql) {
    if (!file.toFile().exists()) {
      return List.of();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      return rows;
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("no such table")) {
        return List.of();
      }
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** {@code PRAGMA integrity_check}: "ok", or what is wrong. */
  String integrityCheck() {
    return String.join("; ", rows("PRAGMA integrity_check"));
  }
}
