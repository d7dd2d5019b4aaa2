package dev.orrery.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The application tables a copy from SQLite to PostgreSQL moves, read from both databases' metadata
 * rather than listed by hand, so that a table or column a later migration adds is copied too:
 * parents before the tables that refer to them, each with its columns as PostgreSQL types them.
 */
final class CopiedTables {
  /** Flyway's own table: each side already has the history of its own migrations. */
  private static final String FLYWAY_HISTORY = "flyway_schema_history";

  private CopiedTables() {}

  /**
   * A table to copy.
   *
   * @param identity the column PostgreSQL numbers by itself (a SQLite {@code INTEGER PRIMARY KEY}),
   *     or null
   */
  record Table(String name, List<Column> columns, String identity) {}

  /**
   * A column to copy, with its {@link java.sql.Types} type in PostgreSQL: SQLite keeps a BOOLEAN as
   * the integer 0 or 1, and the driver converts it when told the column's type.
   */
  record Column(String name, int targetType) {}

  /**
   * The source's application tables in foreign-key order; a table or column PostgreSQL lacks means
   * the two schemas differ, and nothing can be copied.
   */
  static List<Table> read(Connection source, Connection target) throws SQLException {
    Set<String> names = tables(source.getMetaData(), null);
    String schema = target.getSchema();
    DatabaseMetaData pg = target.getMetaData();
    Set<String> inTarget = tables(pg, schema);
    Map<String, String> identities = identities(target);
    Map<String, Table> byName = new LinkedHashMap<>();
    for (String name : names) {
      if (!inTarget.contains(name)) {
        throw schemasDiffer("the PostgreSQL database has no table " + name);
      }
      Map<String, Integer> targetTypes = columnTypes(pg, schema, name);
      List<Column> columns = new ArrayList<>();
      for (String column : columnTypes(source.getMetaData(), null, name).keySet()) {
        Integer type = targetTypes.get(column);
        if (type == null) {
          throw schemasDiffer("the PostgreSQL table " + name + " has no column " + column);
        }
        columns.add(new Column(column, type));
      }
      byName.put(name, new Table(name, List.copyOf(columns), identities.get(name)));
    }
    return parentsFirst(byName, pg, schema);
  }

  private static StoreException schemasDiffer(String what) {
    return new StoreException(
        "compare the SQLite and PostgreSQL schemas",
        what + ": run the same version of Orrery on both",
        null);
  }

  /** The names of a schema's tables in lower case, without SQLite's and Flyway's own. */
  private static Set<String> tables(DatabaseMetaData meta, String schema) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (!name.startsWith("sqlite_") && !name.equals(FLYWAY_HISTORY)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** A table's columns in their order, each with its JDBC type. */
  private static Map<String, Integer> columnTypes(
      DatabaseMetaData meta, String schema, String table) throws SQLException {
    Map<String, Integer> types = new LinkedHashMap<>();
    try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
      while (rs.next()) {
        types.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE"));
      }
    }
    return types;
  }

  /** Each table's identity column, from the SQL standard's information schema. */
  private static Map<String, String> identities(Connection target) throws SQLException {
    Map<String, String> byTable = new HashMap<>();
    for (Map.Entry<String, String> column :
        Sql.list(
            target,
            "SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND is_identity = 'YES'",
            rs -> Map.entry(rs.getString(1), rs.getString(2)))) {
      byTable.put(column.getKey(), column.getValue());
    }
    return byTable;
  }

  /** The tables ordered so that each comes after every table its foreign keys refer to. */
  private static List<Table> parentsFirst(
      Map<String, Table> byName, DatabaseMetaData meta, String schema) throws SQLException {
    Map<String, Set<String>> parents = new HashMap<>();
    for (String name : byName.keySet()) {
      Set<String> of = new LinkedHashSet<>();
      try (ResultSet rs = meta.getImportedKeys(null, schema, name)) {
        while (rs.next()) {
          String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
          if (!parent.equals(name) && byName.containsKey(parent)) {
            of.add(parent);
          }
        }
      }
      parents.put(name, of);
    }
    List<Table> ordered = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (placed.size() < byName.size()) {
      int before = placed.size();
      for (Table table : byName.values()) {
        if (!placed.contains(table.name()) && placed.containsAll(parents.get(table.name()))) {
          placed.add(table.name());
          ordered.add(table);
        }
      }
      if (placed.size() == before) {
        throw new StoreException(
            "order the tables to copy",
            "their foreign keys refer to each other in a circle, which a copy cannot follow",
            null);
      }
    }
    return List.copyOf(ordered);
  }
}
