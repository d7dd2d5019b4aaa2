package dev.orrery.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The loopback server's raw request rate: plain OkHttp GETs, body read and dropped, on as many
 * threads (and so connections) as Orrery polls with. No guard, no parse, no database: the ceiling
 * Orrery's own cycles are compared with.
 */
final class HttpLoadLoop implements AutoCloseable {
  private final FeedLoadServer server;
  private final OkHttpClient client;

  HttpLoadLoop(FeedLoadServer server, int threads) {
    this.server = server;
    this.client =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(threads, 5, TimeUnit.MINUTES))
            .readTimeout(Duration.ofSeconds(30))
            .build();
  }

  /**
   * Requests every feed once.
   *
   * @param conditional send the feed's current ETag, so a conditional server answers 304
   * @return requests per second
   */
  double rate(int threads, boolean conditional) {
    int count = server.count();
    long nanos = Parallel.run(count, threads, k -> get(k, conditional));
    return Parallel.perSecond(count, nanos);
  }

  /** Warms the client, the server and the JIT on {@code count} requests. */
  void warm(int count, int threads) {
    Parallel.run(Math.min(count, server.count()), threads, k -> get(k, false));
  }

  private void get(int feed, boolean conditional) throws IOException {
    Request.Builder request = new Request.Builder().url(server.feedUrl(feed).toString());
    if (conditional) {
      request.header("If-None-Match", server.etag(feed));
    }
    try (Response response = client.newCall(request.build()).execute()) {
      int code = response.code();
      if (code != 200 && code != 304) {
        throw new IOException("HTTP " + code + " for feed " + feed);
      }
      response.body().bytes();
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
