package dev.orrery.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that serves feed files the way a planet does: with an ETag,
 * answering 304 to a matching If-None-Match, and any other status a test sets for a path.
 */
public final class FeedServer implements AutoCloseable {

  /** One request as the server saw it; {@code host} is its Host header, {@code at} its arrival. */
  public record Request(
      String path, String ifNoneMatch, String userAgent, String host, Instant at) {}

  private record Response(int status, byte[] body, Map<String, String> headers) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Response> responses = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> inFlight = new HashMap<>();
  private final Map<String, Integer> mostInFlight = new HashMap<>();
  private volatile Duration delay = Duration.ZERO;

  public FeedServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Serves {@code body} at {@code path} with an ETag derived from its content. */
  public FeedServer serve(String path, byte[] body) {
    String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
    responses.put(
        path,
        new Response(
            200, body, Map.of("Content-Type", "application/rss+xml; charset=utf-8", "ETag", etag)));
    return this;
  }

  /** Serves a test resource (say {@code /fixtures/feeds/2025-07-06/planet-python.rss.xml}). */
  public FeedServer serveResource(String path, String resource) {
    return serve(path, Resources.bytes(resource));
  }

  /** Answers {@code path} with a status, a body and headers; no ETag. */
  public FeedServer respond(String path, int status, String body, Map<String, String> headers) {
    return respond(path, status, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** Answers {@code path} with a status, these bytes and headers; no ETag. */
  public FeedServer respond(String path, int status, byte[] body, Map<String, String> headers) {
    responses.put(path, new Response(status, body, headers));
    return this;
  }

  /** Answers every request only after this long, so that requests overlap. */
  public FeedServer delay(Duration delay) {
    this.delay = delay;
    return this;
  }

  /** The most requests with this Host header (say "127.0.0.1:port") answered at once so far. */
  public synchronized int mostAtOnce(String host) {
    return mostInFlight.getOrDefault(host, 0);
  }

  /** The most requests for this path (say "/a") answered at once so far. */
  public synchronized int mostAtOnceAt(String path) {
    return mostInFlight.getOrDefault(path, 0);
  }

  /** The most requests answered at once so far, whatever their host. */
  public synchronized int mostAtOnce() {
    return mostInFlight.getOrDefault("", 0);
  }

  /** Counts a request under its host, its path ("/…", unlike a host) and the total (""). */
  private synchronized void started(String host, String path) {
    for (String key : List.of(host, path, "")) {
      int now = inFlight.merge(key, 1, Integer::sum);
      mostInFlight.merge(key, now, Math::max);
    }
  }

  private synchronized void finished(String host, String path) {
    for (String key : List.of(host, path, "")) {
      inFlight.merge(key, -1, Integer::sum);
    }
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public long requestCount(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host"));
    String path = exchange.getRequestURI().getPath();
    Instant at = Instant.now();
    started(host, path);
    try {
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis());
      }
      answer(exchange, host, at);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    } finally {
      finished(host, path);
    }
  }

  private void answer(HttpExchange exchange, String host, Instant at) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
      requests.add(
          new Request(
              path, ifNoneMatch, exchange.getRequestHeaders().getFirst("User-Agent"), host, at));
      Response response = responses.get(path);
      if (response == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      String etag = response.headers().get("ETag");
      if (etag != null && etag.equals(ifNoneMatch)) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      exchange.sendResponseHeaders(
          response.status(), response.body().length == 0 ? -1 : response.body().length);
      if (response.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
