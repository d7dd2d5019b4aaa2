package dev.orrery.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of {@code /metrics} (Prometheus's text format) and {@code /health} (JSON, 200 or
 * 503), on the JDK's server. Binds when made, so a taken port fails the start at once.
 */
final class MetricsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param scrape the registry's text
   * @param health the health check's answer
   */
  MetricsServer(InetSocketAddress listen, Supplier<String> scrape, Supplier<Health> health) {
    try {
      // resolved here, not when the configuration was read
      server =
          HttpServer.create(new InetSocketAddress(listen.getHostString(), listen.getPort()), 0);
    } catch (IOException e) {
      throw new ListenException(
          "metrics.listen="
              + listen.getHostString()
              + ":"
              + listen.getPort()
              + " cannot be listened on ("
              + e.getMessage()
              + "): choose another address or port, or unset metrics.listen",
          e);
    }
    server.createContext("/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, scrape));
    server.createContext(
        "/health",
        exchange -> {
          Health answer = health.get();
          answer(exchange, answer.status(), "application/json", answer::json);
        });
    server.setExecutor(threads);
    server.start();
    log.info("Serving /metrics and /health on {}", address());
  }

  /** Where it listens, with the port it took when asked for port 0. */
  InetSocketAddress address() {
    return server.getAddress();
  }

  private static void answer(HttpExchange exchange, int status, String type, Supplier<String> body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes;
      try {
        bytes = body.get().getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        log.warn("Could not answer {}", exchange.getRequestURI().getPath(), e);
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", type);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    // no exchange is worth waiting for: a scrape cut short is retried by Prometheus
    server.stop(0);
    threads.shutdownNow();
  }
}
