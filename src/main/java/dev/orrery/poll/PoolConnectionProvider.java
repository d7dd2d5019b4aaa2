package dev.orrery.poll;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Lends Quartz's clustered job store connections from the application's pool. */
final class PoolConnectionProvider implements ConnectionProvider {
  private final DataSource dataSource;

  PoolConnectionProvider(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void initialize() {
    // the pool is open already
  }

  @Override
  public void shutdown() {
    // Quartz calls this when its scheduler stops; the pool is the application's, which closes it
  }
}
