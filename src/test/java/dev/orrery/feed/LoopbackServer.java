package dev.orrery.feed;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP server on a loopback address that records what it was asked. */
final class LoopbackServer implements AutoCloseable {

  /** What one request carried. */
  record Recorded(String method, String path, Headers headers) {}

  /** Answers one request. */
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();

  private LoopbackServer(String address) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 50);
    server.setExecutor(executor);
    server.start();
  }

  static LoopbackServer start() throws IOException {
    return new LoopbackServer("127.0.0.1");
  }

  static LoopbackServer startOn(String address) throws IOException {
    return new LoopbackServer(address);
  }

  LoopbackServer on(String path, Handler handler) {
    server.createContext(
        path,
        exchange -> {
          requests.add(
              new Recorded(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  exchange.getRequestHeaders()));
          try {
            handler.handle(exchange);
          } finally {
            exchange.close();
          }
        });
    return this;
  }

  URI uri(String path) {
    return URI.create("http://" + hostPort() + path);
  }

  String hostPort() {
    InetSocketAddress address = server.getAddress();
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    boolean noBody = body.length == 0 || status == 304 || status == 204;
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static void respond(HttpExchange exchange, int status, Map<String, String> headers)
      throws IOException {
    respond(exchange, status, headers, new byte[0]);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
