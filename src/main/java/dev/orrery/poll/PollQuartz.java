package dev.orrery.poll;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/** Makes the Quartz scheduler that polls: in memory for one node, or clustered on PostgreSQL. */
final class PollQuartz {
  /** The scheduler's name; every node of a cluster must share it, Quartz's rows are keyed by it. */
  static final String NAME = "orrery-poll";

  /**
   * How often a node tells the others it is alive: a node silent for this long plus Quartz's 7.5 s
   * grace is taken for dead, and its partitions are run by the others.
   */
  static final Duration CHECKIN = Duration.ofSeconds(5);

  // Quartz's registry of data sources is one per JVM: each scheduler registers its own name
  private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

  private PollQuartz() {}

  /** A scheduler whose jobs live in memory, for one node. */
  static Scheduler inMemory(int threads) throws SchedulerException {
    Properties props = common(threads);
    props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    props.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    // one job per poll thread, all on the same sweep: hand them out together
    props.setProperty(
        "org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
    return create(props);
  }

  /**
   * A scheduler in Quartz's clustered JDBC job store on PostgreSQL, over the application's pool
   * rather than a pool of its own.
   */
  static Scheduler clustered(int threads, PollCluster cluster) throws SchedulerException {
    String dataSource = NAME + "-" + DATA_SOURCES.incrementAndGet();
    Properties props = common(threads);
    props.setProperty("org.quartz.scheduler.instanceId", cluster.node());
    props.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    props.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    props.setProperty("org.quartz.jobStore.dataSource", dataSource);
    props.setProperty("org.quartz.jobStore.isClustered", "true");
    props.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval", Long.toString(CHECKIN.toMillis()));
    // job data as text, not serialised Java objects that a later version might not read
    props.setProperty("org.quartz.jobStore.useProperties", "true");
    props.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    synchronized (PollQuartz.class) {
      DBConnectionManager.getInstance()
          .addConnectionProvider(dataSource, new PoolConnectionProvider(cluster.dataSource()));
    }
    return create(props);
  }

  private static Properties common(int threads) {
    Properties props = new Properties();
    props.setProperty("org.quartz.scheduler.instanceName", NAME);
    props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    props.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    props.setProperty("org.quartz.threadPool.threadNamePrefix", "poll");
    return props;
  }

  /**
   * Quartz keeps each scheduler it makes in a JVM-wide repository by name, and hands that one out
   * again to the next factory asking for the name. Every node of a cluster must use the same name,
   * and tests and benchmarks run several schedulers in one JVM: so each is taken out of the
   * repository as soon as it is made, under one lock so that no other is made in between.
   */
  private static synchronized Scheduler create(Properties props) throws SchedulerException {
    Scheduler scheduler = new StdSchedulerFactory(props).getScheduler();
    SchedulerRepository.getInstance().remove(NAME);
    return scheduler;
  }
}
