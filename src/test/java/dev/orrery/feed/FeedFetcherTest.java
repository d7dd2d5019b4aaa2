package dev.orrery.feed;

import static dev.orrery.feed.LoopbackServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.testing.RawSocketServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FeedFetcherTest {
  static final String USER_AGENT = "Orrery/0.1.0 (+https://github.com/orrery-bot/orrery)";
  static final byte[] FEED = Fixtures.feed("2025-07-06", "planet-twisted");
  static final Map<String, String> RSS =
      Map.of("Content-Type", "application/rss+xml; charset=utf-8");

  LoopbackServer server;
  final List<FeedFetcher> fetchers = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = LoopbackServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
    fetchers.forEach(FeedFetcher::close);
  }

  FeedFetcher fetcher(FetcherSettings settings) {
    FeedFetcher fetcher =
        new FeedFetcher(
            settings, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    fetchers.add(fetcher);
    return fetcher;
  }

  FeedFetcher fetcher() {
    return fetcher(
        new FetcherSettings(USER_AGENT, Duration.ofSeconds(5), 5 * 1024 * 1024, true, 4));
  }

  @Test
  @DisplayName("200 with an ETag, then 304 when the ETag is sent back")
  void conditionalGetWithEtag() {
    server.on(
        "/feed",
        exchange -> {
          if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            respond(exchange, 304, Map.of("ETag", "\"v1\"", "Cache-Control", "max-age=600"));
          } else {
            respond(
                exchange,
                200,
                Map.of("ETag", "\"v1\"", "Content-Type", "application/rss+xml"),
                FEED);
          }
        });
    FeedFetcher fetcher = fetcher();

    FetchResult first = fetcher.fetch(server.uri("/feed"), Validators.NONE);
    assertThat(first).isInstanceOf(FetchResult.Fetched.class);
    FetchResult.Fetched fetched = (FetchResult.Fetched) first;
    assertThat(fetched.body()).isEqualTo(FEED);
    assertThat(fetched.validators().etag()).isEqualTo("\"v1\"");
    assertThat(fetched.bodyHash()).isEqualTo(CappedBody.sha256(FEED)).hasSize(64);
    assertThat(fetched.contentType()).isEqualTo("application/rss+xml");
    assertThat(fetched.movedTo()).isNull();

    FetchResult second = fetcher.fetch(server.uri("/feed"), fetched.validators());
    assertThat(second)
        .isEqualTo(
            new FetchResult.NotModified(new Validators("\"v1\"", null), Duration.ofMinutes(10)));
    assertThat(server.requests().get(1).headers().getFirst("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(server.requests().get(0).headers().getFirst("If-None-Match")).isNull();
  }

  @Test
  void sendsLastModifiedBackAsIfModifiedSince() {
    String date = "Wed, 21 Oct 2015 07:28:00 GMT";
    server.on(
        "/feed",
        exchange -> {
          if (date.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
            respond(exchange, 304, Map.of());
          } else {
            respond(exchange, 200, Map.of("Last-Modified", date), FEED);
          }
        });
    FeedFetcher fetcher = fetcher();

    FetchResult.Fetched first = (FetchResult.Fetched) fetcher.fetch(server.uri("/feed"), null);
    assertThat(first.validators()).isEqualTo(new Validators(null, date));
    FetchResult second = fetcher.fetch(server.uri("/feed"), first.validators());
    assertThat(second).isEqualTo(new FetchResult.NotModified(new Validators(null, date), null));
  }

  @Test
  void readsCacheControlMaxAge() {
    server.on(
        "/feed",
        exchange -> respond(exchange, 200, Map.of("Cache-Control", "public, max-age=1800"), FEED));
    FetchResult.Fetched fetched =
        (FetchResult.Fetched) fetcher().fetch(server.uri("/feed"), Validators.NONE);
    assertThat(fetched.maxAge()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void sendsTheUserAgentFromTheSettingsAndAsksForGzip() {
    server.on("/feed", exchange -> respond(exchange, 200, RSS, FEED));
    fetcher().fetch(server.uri("/feed"), Validators.NONE);
    assertThat(server.requests().get(0).headers().getFirst("User-Agent")).isEqualTo(USER_AGENT);
    assertThat(server.requests().get(0).headers().getFirst("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void decompressesAGzippedFeed() throws IOException {
    server.on(
        "/feed",
        exchange -> respond(exchange, 200, Map.of("Content-Encoding", "gzip"), gzip(FEED)));
    FetchResult.Fetched fetched =
        (FetchResult.Fetched) fetcher().fetch(server.uri("/feed"), Validators.NONE);
    assertThat(fetched.body()).isEqualTo(FEED);
  }

  @Test
  @DisplayName("429 with Retry-After in seconds asks to retry later")
  void tooManyRequestsWithRetryAfterSeconds() {
    server.on("/feed", exchange -> respond(exchange, 429, Map.of("Retry-After", "120")));
    assertThat(fetcher().fetch(server.uri("/feed"), Validators.NONE))
        .isEqualTo(new FetchResult.RetryLater(Duration.ofMinutes(2), "HTTP 429 Too Many Requests"));
  }

  @Test
  @DisplayName("503 with Retry-After as an HTTP date asks to retry at that time")
  void serviceUnavailableWithRetryAfterDate() {
    // the fetcher's clock reads 2026-01-01T00:00:00Z
    server.on(
        "/feed",
        exchange -> respond(exchange, 503, Map.of("Retry-After", "Thu, 01 Jan 2026 01:30:00 GMT")));
    assertThat(fetcher().fetch(server.uri("/feed"), Validators.NONE))
        .isEqualTo(
            new FetchResult.RetryLater(Duration.ofMinutes(90), "HTTP 503 Service Unavailable"));
  }

  @Test
  @DisplayName("503 without Retry-After asks to retry later with no delay of its own")
  void serviceUnavailableWithoutRetryAfter() {
    server.on("/feed", exchange -> respond(exchange, 503, Map.of()));
    assertThat(fetcher().fetch(server.uri("/feed"), Validators.NONE))
        .isEqualTo(new FetchResult.RetryLater(null, "HTTP 503 Service Unavailable"));
  }

  @Test
  void serverErrorFails() {
    server.on(
        "/feed",
        exchange -> respond(exchange, 500, Map.of(), "boom".getBytes(StandardCharsets.UTF_8)));
    assertThat(fetcher().fetch(server.uri("/feed"), Validators.NONE))
        .isEqualTo(new FetchResult.Failed("HTTP 500 Internal Server Error", false));
  }

  @Test
  void notFoundFails() {
    server.on("/feed", exchange -> respond(exchange, 404, Map.of()));
    assertThat(fetcher().fetch(server.uri("/feed"), Validators.NONE))
        .isEqualTo(new FetchResult.Failed("HTTP 404 Not Found", false));
  }

  @Test
  void goneFailsForGood() {
    server.on("/feed", exchange -> respond(exchange, 410, Map.of()));
    assertThat(fetcher().fetch(server.uri("/feed"), Validators.NONE))
        .isEqualTo(new FetchResult.Failed("HTTP 410 Gone", true));
  }

  @Test
  void anHtmlPageIsStillFetched() {
    byte[] html = "<!doctype html><html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8);
    server.on("/", exchange -> respond(exchange, 200, Map.of("Content-Type", "text/html"), html));
    assertThat(fetcher().fetch(server.uri("/"), Validators.NONE))
        .isInstanceOf(FetchResult.Fetched.class);
  }

  @Test
  void aServersOwnStatusPhraseReachesNoOneWithItsControlCharacters() throws IOException {
    try (RawSocketServer raw =
        RawSocketServer.answering(
            "HTTP/1.1 599 \u001b]0;owned\u0007Bad \u009b31mDay\r\nContent-Length: 0\r\n\r\n")) {
      assertThat(fetcher().fetch(raw.uri(), Validators.NONE))
          .isEqualTo(new FetchResult.Failed("HTTP 599 ]0;ownedBad 31mDay", false));
    }
  }

  @Test
  void anUnparsableLocationIsQuotedWithoutItsControlCharacters() throws IOException {
    try (RawSocketServer raw =
        RawSocketServer.answering(
            "HTTP/1.1 302 Found\r\nLocation: http://[\u001b[2J\r\nContent-Length: 0\r\n\r\n")) {
      assertThat(fetcher().fetch(raw.uri(), Validators.NONE))
          .isEqualTo(
              new FetchResult.Failed("bad redirect: cannot follow Location http://[[2J", false));
    }
  }

  @Test
  void aBrokenAnswerIsDescribedInOurWordsNotTheLibrarys() throws IOException {
    try (RawSocketServer raw = RawSocketServer.answering("SPDY/9 what is this\r\n\r\n")) {
      FetchResult result = fetcher().fetch(raw.uri(), Validators.NONE);
      assertThat(result).isInstanceOf(FetchResult.Failed.class);
      assertThat(((FetchResult.Failed) result).reason())
          .isEqualTo(
              "network error talking to 127.0.0.1:"
                  + raw.uri().getPort()
                  + ": the answer is not valid HTTP");
    }
  }

  @Test
  @Timeout(15)
  void aServerThatNeverAnswersTimesOut() throws IOException {
    try (RawSocketServer silent = RawSocketServer.silent()) {
      FeedFetcher fetcher =
          fetcher(new FetcherSettings(USER_AGENT, Duration.ofSeconds(1), 1024 * 1024, true, 4));
      assertThat(fetcher.fetch(silent.uri(), Validators.NONE))
          .isEqualTo(new FetchResult.Failed("timed out after 1 s", false));
      assertThat(silent.connections()).isEqualTo(1);
    }
  }

  @Test
  @Timeout(15)
  @DisplayName("a server sending a byte every 200 ms is cut off by the overall deadline")
  void aDrippingServerHitsTheOverallDeadline() throws IOException {
    // Each byte comes well within the read timeout, so only the deadline can end this.
    try (RawSocketServer drip = RawSocketServer.dripping(200)) {
      FeedFetcher fetcher =
          fetcher(new FetcherSettings(USER_AGENT, Duration.ofSeconds(2), 1024 * 1024, true, 4));
      assertThat(fetcher.fetch(drip.uri(), Validators.NONE))
          .isEqualTo(new FetchResult.Failed("timed out after 2 s", false));
    }
  }

  @Test
  void aBodyPastTheCapIsAbandoned() {
    byte[] big = new byte[300 * 1024];
    server.on("/feed", exchange -> respond(exchange, 200, RSS, big));
    FeedFetcher fetcher =
        fetcher(new FetcherSettings(USER_AGENT, Duration.ofSeconds(5), 256 * 1024, true, 4));
    assertThat(fetcher.fetch(server.uri("/feed"), Validators.NONE))
        .isEqualTo(new FetchResult.Failed("larger than 256 KB", false));
  }

  @Test
  @DisplayName("a gzip bomb is capped on its decompressed size")
  void aGzipBombIsCappedAfterDecompression() throws IOException {
    byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
    assertThat(bomb.length)
        .isLessThan(1024 * 1024); // small on the wire: only decompression reveals it
    server.on(
        "/feed", exchange -> respond(exchange, 200, Map.of("Content-Encoding", "gzip"), bomb));
    FeedFetcher fetcher =
        fetcher(new FetcherSettings(USER_AGENT, Duration.ofSeconds(10), 1024 * 1024, true, 4));
    assertThat(fetcher.fetch(server.uri("/feed"), Validators.NONE))
        .isEqualTo(new FetchResult.Failed("larger than 1 MB", false));
  }

  @Test
  void followsAChainOfThreeRedirects() {
    server.on("/a", exchange -> respond(exchange, 302, Map.of("Location", "/b")));
    server.on(
        "/b", exchange -> respond(exchange, 307, Map.of("Location", server.uri("/c").toString())));
    server.on("/c", exchange -> respond(exchange, 301, Map.of("Location", "feed")));
    server.on("/feed", exchange -> respond(exchange, 200, RSS, FEED));
    FetchResult.Fetched fetched =
        (FetchResult.Fetched) fetcher().fetch(server.uri("/a"), Validators.NONE);
    assertThat(fetched.url()).isEqualTo(server.uri("/feed"));
    assertThat(fetched.body()).isEqualTo(FEED);
    assertThat(fetched.movedTo()).isNull(); // 302 and 307 on the way: not a permanent move
    assertThat(server.requests())
        .extracting(LoopbackServer.Recorded::path)
        .containsExactly("/a", "/b", "/c", "/feed");
  }

  @Test
  void permanentRedirectsSetMovedTo() {
    server.on("/old", exchange -> respond(exchange, 301, Map.of("Location", "/older")));
    server.on("/older", exchange -> respond(exchange, 308, Map.of("Location", "/feed")));
    server.on("/feed", exchange -> respond(exchange, 200, RSS, FEED));
    FetchResult.Fetched fetched =
        (FetchResult.Fetched) fetcher().fetch(server.uri("/old"), Validators.NONE);
    assertThat(fetched.movedTo()).isEqualTo(server.uri("/feed"));
  }

  @Test
  void aTemporaryRedirectLeavesMovedToNull() {
    server.on("/old", exchange -> respond(exchange, 302, Map.of("Location", "/feed")));
    server.on("/feed", exchange -> respond(exchange, 200, RSS, FEED));
    FetchResult.Fetched fetched =
        (FetchResult.Fetched) fetcher().fetch(server.uri("/old"), Validators.NONE);
    assertThat(fetched.movedTo()).isNull();
    assertThat(fetched.url()).isEqualTo(server.uri("/feed"));
  }

  @Test
  void aRedirectLoopFails() {
    server.on("/ping", exchange -> respond(exchange, 302, Map.of("Location", "/pong")));
    server.on("/pong", exchange -> respond(exchange, 302, Map.of("Location", "/ping")));
    assertThat(fetcher().fetch(server.uri("/ping"), Validators.NONE))
        .isEqualTo(new FetchResult.Failed("too many redirects (more than 5)", false));
    assertThat(server.requests()).hasSize(6); // the first request and five redirects
  }

  @Test
  void fiveRedirectsAreStillFollowed() {
    for (int i = 0; i < 5; i++) {
      int next = i + 1;
      server.on("/r" + i, exchange -> respond(exchange, 301, Map.of("Location", "/r" + next)));
    }
    server.on("/r5", exchange -> respond(exchange, 200, RSS, FEED));
    assertThat(fetcher().fetch(server.uri("/r0"), Validators.NONE))
        .isInstanceOf(FetchResult.Fetched.class);
  }

  @Test
  void aRedirectToAnotherSchemeIsRefused() {
    server.on(
        "/feed",
        exchange -> respond(exchange, 302, Map.of("Location", "ftp://example.com/feed.xml")));
    assertThat(fetcher().fetch(server.uri("/feed"), Validators.NONE))
        .isEqualTo(
            new FetchResult.Failed(
                "refused: redirect to a ftp: URL, only http and https are allowed", false));
  }

  @Test
  void refusesLoopbackWithoutTheFlag() {
    server.on("/feed", exchange -> respond(exchange, 200, RSS, FEED));
    FeedFetcher guarded =
        fetcher(new FetcherSettings(USER_AGENT, Duration.ofSeconds(5), 1024 * 1024, false, 4));
    assertThat(guarded.fetch(server.uri("/feed"), Validators.NONE))
        .isEqualTo(
            new FetchResult.Failed(
                "refused: 127.0.0.1 is a loopback address" + RefusedAddressException.HOW_TO_ALLOW,
                false));
    assertThat(
            guarded.fetch(
                URI.create("http://localhost:" + server.port() + "/feed"), Validators.NONE))
        .isInstanceOfSatisfying(
            FetchResult.Failed.class,
            failed ->
                assertThat(failed.reason())
                    .startsWith("refused: ")
                    .endsWith(" is a loopback address" + RefusedAddressException.HOW_TO_ALLOW));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void allowsLoopbackWithTheFlag() {
    server.on("/feed", exchange -> respond(exchange, 200, RSS, FEED));
    FeedFetcher open =
        fetcher(new FetcherSettings(USER_AGENT, Duration.ofSeconds(5), 1024 * 1024, true, 4));
    assertThat(open.fetch(server.uri("/feed"), Validators.NONE))
        .isInstanceOf(FetchResult.Fetched.class);
  }

  @Test
  void refusesAPrivateLiteralAddressWithoutConnecting() {
    FeedFetcher guarded =
        fetcher(new FetcherSettings(USER_AGENT, Duration.ofSeconds(5), 1024 * 1024, false, 4));
    assertThat(guarded.fetch(URI.create("http://10.0.0.5/feed"), Validators.NONE))
        .isEqualTo(
            new FetchResult.Failed(
                "refused: 10.0.0.5 is a private address" + RefusedAddressException.HOW_TO_ALLOW,
                false));
    assertThat(
            guarded.fetch(URI.create("http://169.254.169.254/latest/meta-data/"), Validators.NONE))
        .isEqualTo(
            new FetchResult.Failed(
                "refused: 169.254.169.254 is a link-local address"
                    + RefusedAddressException.HOW_TO_ALLOW,
                false));
    assertThat(guarded.fetch(URI.create("http://[::ffff:10.0.0.5]/feed"), Validators.NONE))
        .isEqualTo(
            new FetchResult.Failed(
                "refused: 10.0.0.5 is a private address" + RefusedAddressException.HOW_TO_ALLOW,
                false));
  }

  /**
   * The guard lets exactly one address through (the test server's, 127.0.0.1), as a self-hosted
   * feed would be; a second real server listens on 127.0.0.2, which the guard must still refuse
   * when a redirect points there, whether by literal address or by a name resolving to it.
   */
  @Test
  void redirectsPassTheSameGuard() throws IOException {
    try (LoopbackServer inside = LoopbackServer.startOn("127.0.0.2")) {
      inside.on("/", exchange -> respond(exchange, 200, RSS, FEED));
      server.on(
          "/to-literal",
          exchange -> respond(exchange, 302, Map.of("Location", inside.uri("/secret").toString())));
      server.on(
          "/to-mapped",
          exchange ->
              respond(
                  exchange,
                  302,
                  Map.of("Location", "http://[::ffff:127.0.0.2]:" + inside.port() + "/secret")));
      server.on(
          "/to-name",
          exchange ->
              respond(
                  exchange,
                  301,
                  Map.of("Location", "http://inside.test:" + inside.port() + "/secret")));
      Dns names =
          hostname -> {
            if (hostname.equals("inside.test")) {
              return List.of(InetAddress.getByName("127.0.0.2"));
            }
            return Dns.SYSTEM.lookup(hostname);
          };
      FeedFetcher guarded =
          fetcher(
              new FetcherSettings(
                  USER_AGENT,
                  Duration.ofSeconds(5),
                  1024 * 1024,
                  false,
                  4,
                  names,
                  Set.of(InetAddress.getByName("127.0.0.1"))));

      for (String path : List.of("/to-literal", "/to-mapped", "/to-name")) {
        assertThat(guarded.fetch(server.uri(path), Validators.NONE))
            .as(path)
            .isEqualTo(
                new FetchResult.Failed(
                    "refused: 127.0.0.2 is a loopback address"
                        + RefusedAddressException.HOW_TO_ALLOW,
                    false));
      }
      assertThat(server.requests()).hasSize(3); // the allowed address was really fetched
      assertThat(inside.requests()).isEmpty();
    }
  }

  @Test
  void refusesSchemesOtherThanHttp() {
    FeedFetcher fetcher = fetcher();
    assertThat(fetcher.fetch(URI.create("file:///etc/passwd"), Validators.NONE))
        .isEqualTo(
            new FetchResult.Failed(
                "refused: file: URLs are not allowed, only http and https", false));
    assertThat(fetcher.fetch(URI.create("ftp://example.com/feed.xml"), Validators.NONE))
        .isEqualTo(
            new FetchResult.Failed(
                "refused: ftp: URLs are not allowed, only http and https", false));
    assertThat(fetcher.fetch(URI.create("jar:file:/x.jar!/feed.xml"), Validators.NONE))
        .isEqualTo(
            new FetchResult.Failed(
                "refused: jar: URLs are not allowed, only http and https", false));
    assertThat(fetcher.fetch(URI.create("data:text/xml,%3Crss/%3E"), Validators.NONE))
        .isEqualTo(
            new FetchResult.Failed(
                "refused: data: URLs are not allowed, only http and https", false));
  }

  @Test
  void refusesAnOverLongUrl() {
    URI longUrl = URI.create("http://example.com/" + "a".repeat(2100));
    assertThat(fetcher().fetch(longUrl, Validators.NONE))
        .isEqualTo(
            new FetchResult.Failed("refused: the URL is longer than 2048 characters", false));
  }

  @Test
  void anUnknownHostFailsReadably() {
    Dns nowhere =
        hostname -> {
          throw new java.net.UnknownHostException(hostname + ": Name or service not known");
        };
    FeedFetcher fetcher =
        fetcher(
            new FetcherSettings(
                USER_AGENT, Duration.ofSeconds(5), 1024, false, 4, nowhere, Set.of()));
    assertThat(fetcher.fetch(URI.create("http://example.invalid/feed"), Validators.NONE))
        .isEqualTo(new FetchResult.Failed("cannot resolve host example.invalid", false));
  }

  @Test
  void aRefusedConnectionFailsReadably() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = closed.getLocalPort();
    }
    assertThat(fetcher().fetch(URI.create("http://127.0.0.1:" + port + "/feed"), Validators.NONE))
        .isEqualTo(
            new FetchResult.Failed(
                "cannot connect to 127.0.0.1:" + port + ": connection refused", false));
  }

  @Test
  void limitsConcurrentRequestsPerHost() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    server.on(
        "/feed",
        exchange -> {
          most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inFlight.decrementAndGet();
          respond(exchange, 200, RSS, FEED);
        });
    FeedFetcher fetcher =
        fetcher(new FetcherSettings(USER_AGENT, Duration.ofSeconds(10), 1024 * 1024, true, 2));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<FetchResult>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(pool.submit(() -> fetcher.fetch(server.uri("/feed"), Validators.NONE)));
      }
      for (Future<FetchResult> result : results) {
        assertThat(result.get()).isInstanceOf(FetchResult.Fetched.class);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.requests()).hasSize(6);
    assertThat(most.get()).isEqualTo(2);
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
