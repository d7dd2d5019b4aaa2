package dev.orrery.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's REST API on loopback: checks the bot token, applies scripted faults, then the global
 * and route rate limits, runs the route, and records the request with the status it got.
 */
final class RestServer {
  static final String API_PREFIX = "/api/v10/";
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
  private static final List<String> RECORDED_HEADERS =
      List.of("Authorization", "Content-Type", "User-Agent", "X-Audit-Log-Reason");

  private final RouteTable routes;
  private final RateLimiter limiter;
  private final FaultInjector faults;
  private final TrafficStats stats;
  private final AwaitableLog<RecordedRequest> requests;
  private final InstantSource clock;
  private final String expectedToken;
  private final AttachmentHost attachments;
  private HttpServer server;
  private ExecutorService executor;

  RestServer(
      RouteTable routes,
      RateLimiter limiter,
      FaultInjector faults,
      TrafficStats stats,
      AwaitableLog<RecordedRequest> requests,
      InstantSource clock,
      String expectedToken,
      AttachmentHost attachments) {
    this.routes = routes;
    this.limiter = limiter;
    this.faults = faults;
    this.stats = stats;
    this.requests = requests;
    this.clock = clock;
    this.expectedToken = expectedToken;
    this.attachments = attachments;
  }

  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "discord-emulator-rest-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.createContext(AttachmentHost.PREFIX, attachments::serve);
    server.start();
    attachments.bind("http://127.0.0.1:" + port());
  }

  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Instant receivedAt = clock.instant();
      String method = exchange.getRequestMethod();
      String rawPath = exchange.getRequestURI().getRawPath();
      String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
      RequestPayload payload =
          RequestPayload.read(
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestBody().readAllBytes());
      Map<String, String> headers = new LinkedHashMap<>();
      for (String name : RECORDED_HEADERS) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
          headers.put(name, value);
        }
      }
      String path =
          rawPath.startsWith(API_PREFIX) ? rawPath.substring(API_PREFIX.length()) : rawPath;
      // trailing slashes are not part of Discord's routes
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }

      Outcome outcome =
          rawPath.startsWith(API_PREFIX)
              ? answer(method, path, parseQuery(query), headers, payload, receivedAt)
              : new Outcome(ApiError.notFound().toResponse(), null);
      stats.recordResponse(outcome.response.status(), outcome.scope);
      requests.add(
          new RecordedRequest(
              receivedAt,
              method,
              path,
              query,
              payload.json(),
              Map.copyOf(headers),
              outcome.response.status()));
      write(exchange, outcome.response);
    }
  }

  /** A response, and the scope if it is a 429 (for the counters). */
  private record Outcome(ApiResponse response, RateLimitScope scope) {}

  private Outcome answer(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      RequestPayload payload,
      Instant receivedAt) {
    Map<String, String> limitHeaders = Map.of();
    try {
      RouteTable.Match match = routes.resolve(method, path);
      Route route = match.route();
      if (!route.interactionEndpoint() && !authorized(headers.get("Authorization"))) {
        throw ApiError.unauthorized();
      }
      Optional<FaultInjector.Fault> fault = faults.take(method, path, false);
      if (fault.isPresent() && fault.get().stalls()) {
        stall(fault.get().retryAfter());
      } else if (fault.isPresent()) {
        return injected(fault.get(), route, match.params());
      }
      RateLimiter.Decision decision =
          limiter.acquire(
              route.bucketHash(),
              route.majorKey(match.params()),
              route.limit(),
              route.interactionEndpoint());
      if (!decision.allowed()) {
        return new Outcome(
            tooManyRequests(decision.retryAfterSeconds(), decision.limitedBy())
                .withHeaders(decision.headers()),
            decision.limitedBy());
      }
      limitHeaders = decision.headers();
      if (payload.problem() != null) {
        throw payload.problem();
      }
      ApiRequest request =
          new ApiRequest(
              method,
              path,
              query,
              match.params(),
              headers,
              payload.json(),
              payload.uploads(),
              receivedAt);
      ApiResponse response = route.handler().handle(request);
      // the request took effect; a "lost" answer tells the client it failed all the same
      Optional<FaultInjector.Fault> lost = faults.take(method, path, true);
      if (lost.isPresent()) {
        return injected(lost.get(), route, match.params());
      }
      return new Outcome(response.withHeaders(limitHeaders), null);
    } catch (ApiError error) {
      return new Outcome(error.toResponse().withHeaders(limitHeaders), null);
    } catch (RuntimeException e) {
      // a bug in the emulator: answer like Discord's own failure and make it loud in the test log
      LOG.error("emulator failed on {} {}", method, path, e);
      DataObject json =
          DataObject.empty().put("message", "500: Internal Server Error").put("code", 0);
      return new Outcome(ApiResponse.error(500, json), null);
    }
  }

  private static void stall(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Outcome injected(FaultInjector.Fault fault, Route route, Map<String, String> params) {
    if (fault.status() != 429) {
      DataObject json =
          DataObject.empty().put("message", fault.status() + ": injected failure").put("code", 0);
      return new Outcome(ApiResponse.error(fault.status(), json), null);
    }
    double seconds = RateLimiter.seconds(fault.retryAfter());
    Map<String, String> headers =
        new LinkedHashMap<>(RateLimiter.limitedHeaders(fault.retryAfter(), fault.scope()));
    if (fault.scope() == RateLimitScope.GLOBAL) {
      headers.put("X-RateLimit-Global", "true");
    } else {
      Instant resetAt = clock.instant().plus(fault.retryAfter());
      headers.putAll(
          RateLimiter.bucketHeaders(
              route.bucketHash(), route.limit(), 0, resetAt, fault.retryAfter()));
    }
    return new Outcome(tooManyRequests(seconds, fault.scope()).withHeaders(headers), fault.scope());
  }

  private static ApiResponse tooManyRequests(double retryAfterSeconds, RateLimitScope scope) {
    DataObject json =
        DataObject.empty()
            .put("message", "You are being rate limited.")
            .put("retry_after", Math.round(retryAfterSeconds * 1000) / 1000.0)
            .put("global", scope == RateLimitScope.GLOBAL);
    return ApiResponse.error(429, json);
  }

  private boolean authorized(String authorization) {
    if (authorization == null || !authorization.startsWith("Bot ") || authorization.length() <= 4) {
      return false;
    }
    return expectedToken == null || authorization.equals("Bot " + expectedToken);
  }

  private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    // every real Discord response passes Google's load balancer; JDA reads a 429 without Via as
    // Cloudflare's
    exchange.getResponseHeaders().set("Via", "1.1 google");
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    if (response.body() == null) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
