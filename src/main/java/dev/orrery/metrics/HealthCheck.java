package dev.orrery.metrics;

import dev.orrery.discord.GatewayStatus;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.PollScheduler;
import dev.orrery.store.Database;
import dev.orrery.store.StoreException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node does its work: the database answers, polling runs and is not held back by a
 * full disk, and every shard the node runs is connected to the gateway. The first that fails is the
 * reason.
 */
final class HealthCheck {
  private static final Logger log = LoggerFactory.getLogger(HealthCheck.class);
  private static final int DATABASE_WAIT_SECONDS = 2;

  private final Database database;
  private final PollScheduler polling;
  private final FeedRefresher refresher;
  private final GatewayStatus gateway;

  HealthCheck(
      Database database, PollScheduler polling, FeedRefresher refresher, GatewayStatus gateway) {
    this.database = database;
    this.polling = polling;
    this.refresher = refresher;
    this.gateway = gateway;
  }

  Health check() {
    String database = databaseTrouble();
    if (database != null) {
      return Health.down(database);
    }
    if (!polling.running()) {
      return Health.down("polling is not running");
    }
    // the database still answers reads, but no poll can be stored until there is room
    if (refresher.heldUntil() != null) {
      return Health.down("polling waits for room on the database's disk");
    }
    for (Map.Entry<Integer, String> shard : gateway.byShard().entrySet()) {
      if (!GatewayStatus.CONNECTED.equals(shard.getValue())) {
        return Health.down("shard " + shard.getKey() + " is " + shard.getValue());
      }
    }
    return Health.UP;
  }

  private String databaseTrouble() {
    try {
      boolean valid =
          database.withConnection("answer the health check", c -> c.isValid(DATABASE_WAIT_SECONDS));
      return valid ? null : "the database does not answer";
    } catch (StoreException e) {
      // the store's sentence is long and the cause is for the log: the answer stays short
      log.warn("Health check: {}", e.getMessage(), e);
      return "the database does not answer";
    }
  }
}
