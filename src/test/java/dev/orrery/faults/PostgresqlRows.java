package dev.orrery.faults;

import dev.orrery.store.EmbeddedPostgresql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks (reads only) into the nodes' PostgreSQL database from the test JVM, one connection each.
 */
final class PostgresqlRows {
  private final String url;

  PostgresqlRows(String url) {
    this.url = url;
  }

  /** A single number, or 0 for no row. */
  long number(String sql) {
    List<String> rows = rows(sql);
    return rows.isEmpty() || rows.get(0) == null ? 0 : Long.parseLong(rows.get(0));
  }

  /** The first column of every row. */
  List<String> rows(String sql) {
    try (Connection c =
            DriverManager.getConnection(
                url, EmbeddedPostgresql.USER, EmbeddedPostgresql.PASSWORD.reveal());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
