package dev.orrery.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpMetricsEventListener;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import java.sql.SQLException;

/**
 * The meters that ship with the libraries: the JVM's (memory, GC, threads, class loading,
 * processor, uptime), Logback's events, HikariCP's pool and the feed fetcher's OkHttp requests.
 * Closing detaches the GC and Logback listeners, which would otherwise outlive the registry.
 */
final class LibraryMeters implements AutoCloseable {
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final LogbackMetrics logback = new LogbackMetrics();

  LibraryMeters(MeterRegistry registry, Database database, FeedFetcher fetcher) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    logback.bindTo(registry);
    pool(database).setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    // the uri tag stays "none" (no URI_PATTERN header is set): a feed's path and query, which may
    // carry a token, never become a label. Nor does its host: thousands of feeds on as many hosts
    // would make as many series, held in the bot's small heap; /subscriptions tells the slow ones
    registry.config().meterFilter(MeterFilter.ignoreTags("host", "target.host", "target.port"));
    OkHttpMetricsEventListener requests =
        OkHttpMetricsEventListener.builder(registry, "okhttp.requests").build();
    // one listener for every call: it keeps each call's start itself
    fetcher.reportTo(call -> requests);
  }

  private static HikariDataSource pool(Database database) {
    try {
      return database.dataSource().unwrap(HikariDataSource.class);
    } catch (SQLException e) {
      throw new IllegalStateException("the database's pool is HikariCP's", e);
    }
  }

  @Override
  public void close() {
    gc.close();
    logback.close();
  }
}
