package dev.orrery.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load's loopback HTTP server: serves {@code /f/<k>.xml} for every synthetic feed, answering as
 * the current {@link Mode} says. A process that polls it (the forked measuring JVM) switches the
 * mode with {@code GET /control?mode=conditional|ignore-validators} and {@code GET
 * /control?grow=<percent>}, so a cycle and its server behaviour always go together.
 */
public final class FeedLoadServer implements AutoCloseable {
  /** How feed requests are answered. */
  public enum Mode {
    /** 304 to a matching If-None-Match, else 200 with the body and its ETag: a planet. */
    CONDITIONAL,
    /** Always 200 with the body (and the ETag), whatever the request asks: validators ignored. */
    IGNORE_VALIDATORS
  }

  private final SyntheticFeeds feeds;
  private final AtomicIntegerArray extra;
  private final HttpServer server;
  private final ExecutorService executor;
  private volatile Mode mode = Mode.CONDITIONAL;
  private final LongAdder ok = new LongAdder();
  private final LongAdder notModified = new LongAdder();

  /** Requests per feed since the census began, and how many feeds have had one. */
  private final AtomicIntegerArray fetches;

  private final AtomicInteger fetched = new AtomicInteger();
  private volatile long allFetchedAt;

  /**
   * @param count how many feeds exist
   * @param threads handler threads; the JDK server reads requests on one thread and hands them over
   */
  public FeedLoadServer(SyntheticFeeds feeds, int count, int threads) {
    this.feeds = feeds;
    this.extra = new AtomicIntegerArray(count);
    this.fetches = new AtomicIntegerArray(count);
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "feed-server");
              t.setDaemon(true);
              return t;
            });
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/f/", this::feed);
    server.createContext("/control", this::control);
    server.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int count() {
    return extra.length();
  }

  public URI feedUrl(int feed) {
    return base().resolve(path(feed));
  }

  public static String path(int feed) {
    return "/f/" + feed + ".xml";
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  /** The ETag feed {@code feed} has now. */
  public String etag(int feed) {
    return SyntheticFeeds.etag(feed, extra.get(feed));
  }

  /** Gives one new entry to every {@code 100 / percent}-th feed; returns how many feeds grew. */
  public int grow(int percent) {
    int step = Math.max(1, 100 / Math.max(1, percent));
    int grown = 0;
    for (int k = 0; k < extra.length(); k += step) {
      extra.incrementAndGet(k);
      grown++;
    }
    return grown;
  }

  public long okCount() {
    return ok.sum();
  }

  public long notModifiedCount() {
    return notModified.sum();
  }

  /**
   * Starts counting the requests for each feed afresh: a cycle driven from outside the polling
   * processes (several nodes) ends when every feed has had one.
   */
  public void startCensus() {
    for (int k = 0; k < fetches.length(); k++) {
      fetches.set(k, 0);
    }
    allFetchedAt = 0;
    fetched.set(0);
  }

  /** How many feeds have been requested at least once since the census began. */
  public int fetchedFeeds() {
    return fetched.get();
  }

  /** The {@link System#nanoTime()} at which the last feed had its first request, or 0. */
  public long allFetchedAt() {
    return allFetchedAt;
  }

  /** Requests for feed {@code k} since the census began. */
  public int fetches(int k) {
    return fetches.get(k);
  }

  private void feed(HttpExchange exchange) throws IOException {
    try (exchange) {
      int k = feedIndex(exchange.getRequestURI().getPath());
      if (k < 0 || k >= extra.length()) {
        reply(exchange, 404, "no such feed".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (fetches.incrementAndGet(k) == 1 && fetched.incrementAndGet() == fetches.length()) {
        allFetchedAt = System.nanoTime();
      }
      int version = extra.get(k);
      String etag = SyntheticFeeds.etag(k, version);
      exchange.getResponseHeaders().set("ETag", etag);
      if (mode == Mode.CONDITIONAL
          && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        notModified.increment();
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      ok.increment();
      reply(exchange, 200, feeds.body(k, version));
    }
  }

  private void control(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query = exchange.getRequestURI().getQuery();
      String answer = "ok";
      if (query != null && query.startsWith("mode=")) {
        mode = query.endsWith("ignore-validators") ? Mode.IGNORE_VALIDATORS : Mode.CONDITIONAL;
      } else if (query != null && query.startsWith("grow=")) {
        answer = Integer.toString(grow(Integer.parseInt(query.substring("grow=".length()))));
      } else {
        reply(exchange, 400, "mode=... or grow=...".getBytes(StandardCharsets.UTF_8));
        return;
      }
      reply(exchange, 200, answer.getBytes(StandardCharsets.UTF_8));
    }
  }

  static int feedIndex(String path) {
    if (!path.startsWith("/f/") || !path.endsWith(".xml")) {
      return -1;
    }
    try {
      return Integer.parseInt(path, 3, path.length() - 4, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
