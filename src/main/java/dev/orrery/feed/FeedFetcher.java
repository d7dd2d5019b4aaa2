package dev.orrery.feed;

import java.io.IOException;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a feed URL over HTTP with the limits a public bot needs (address guard, redirects checked
 * hop by hop, timeouts, a body cap, a few requests per host) and says how it went as a {@link
 * FetchResult}. One instance is shared by every feed; {@link #close()} it on shutdown.
 */
public final class FeedFetcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedFetcher.class);

  static final int MAX_REDIRECTS = 5;
  private static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9,"
          + " application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";

  private final FetcherSettings settings;
  private final InstantSource clock;
  private final AddressGuard guard;
  private final HostLimiter limiter;
  private final OkHttpClient client;

  /** Told of every request's events: the metrics, once they are wired. */
  private volatile EventListener.Factory events = call -> EventListener.NONE;

  public FeedFetcher(FetcherSettings settings) {
    this(settings, InstantSource.system());
  }

  /**
   * @param clock reads "now" for Retry-After dates
   */
  public FeedFetcher(FetcherSettings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
    this.guard =
        new AddressGuard(
            settings.dns(), settings.allowPrivateAddresses(), settings.allowedAddresses());
    this.limiter = new HostLimiter(settings.maxRequestsPerHost());
    Duration timeout = settings.timeout();
    this.client =
        new OkHttpClient.Builder()
            .dns(guard)
            // Through a proxy the proxy resolves the host, out of the guard's sight.
            .proxy(Proxy.NO_PROXY)
            // Followed by hand so every hop passes the guard and is counted.
            .followRedirects(false)
            .followSslRedirects(false)
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .callTimeout(timeout)
            .eventListenerFactory(call -> events.create(call))
            .build();
  }

  /** Fetches {@code url}, sending {@code validators} for a conditional GET. Never throws. */
  public FetchResult fetch(URI url, Validators validators) {
    String refusal = FeedUrls.refusal(url);
    if (refusal != null) {
      return new FetchResult.Failed(refusal, false);
    }
    return new Attempt(
            HttpUrl.get(url.toString()), validators == null ? Validators.NONE : validators)
        .run();
  }

  /** Tells {@code listeners} of the events of every request from now on (the metrics' timings). */
  public void reportTo(EventListener.Factory listeners) {
    events = listeners;
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** One fetch with its redirects, sharing one deadline. */
  private final class Attempt {
    private final Validators validators;
    private final long deadline = System.nanoTime() + settings.timeout().toNanos();
    private HttpUrl current;
    private int redirects;
    private boolean allPermanent = true;

    Attempt(HttpUrl start, Validators validators) {
      this.current = start;
      this.validators = validators;
    }

    FetchResult run() {
      try {
        while (true) {
          FetchResult result = hop();
          if (result != null) {
            return result;
          }
          if (++redirects > MAX_REDIRECTS) {
            return new FetchResult.Failed(
                "too many redirects (more than " + MAX_REDIRECTS + ")", false);
          }
          String refusal = FeedUrls.refusal(current.uri());
          if (refusal != null) {
            return new FetchResult.Failed(refusal, false);
          }
        }
      } catch (IOException e) {
        log.debug("Fetching {} failed", current, e);
        return new FetchResult.Failed(
            FetchErrors.describe(e, current, pastDeadline(), settings.timeout()), false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new FetchResult.Failed("interrupted while waiting to fetch " + current, false);
      }
    }

    /** Requests {@link #current}: the final result, or null after moving {@code current} on. */
    private FetchResult hop() throws IOException, InterruptedException {
      guard.checkLiteralHost(current.host());
      try (HostLimiter.Slot slot = limiter.acquire(current.host(), remaining())) {
        if (slot == null) {
          return new FetchResult.Failed(FetchErrors.timedOut(settings.timeout()), false);
        }
        Call call = client.newCall(request());
        call.timeout().timeout(Math.max(1, remaining()), TimeUnit.NANOSECONDS);
        try (Response response = call.execute()) {
          return answer(response);
        }
      }
    }

    private Request request() {
      Request.Builder request =
          new Request.Builder()
              .url(current)
              .header("User-Agent", settings.userAgent())
              .header("Accept", ACCEPT);
      if (validators.etag() != null) {
        request.header("If-None-Match", validators.etag());
      }
      if (validators.lastModified() != null) {
        request.header("If-Modified-Since", validators.lastModified());
      }
      return request.build();
    }

    private FetchResult answer(Response response) throws IOException {
      int code = response.code();
      String status = HttpStatusText.of(code, response.message());
      Duration maxAge = maxAge(response);
      if (code == 304) {
        return new FetchResult.NotModified(
            new Validators(
                orElse(response.header("ETag"), validators.etag()),
                orElse(response.header("Last-Modified"), validators.lastModified())),
            maxAge);
      }
      if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
        return follow(response.header("Location"), code, status);
      }
      if (code >= 200 && code < 300) {
        byte[] body = CappedBody.read(response.body(), settings.maxBytes());
        if (body == null) {
          return new FetchResult.Failed(
              "larger than " + Readable.bytes(settings.maxBytes()), false);
        }
        URI movedTo = redirects > 0 && allPermanent ? current.uri() : null;
        return new FetchResult.Fetched(
            current.uri(),
            movedTo,
            body,
            response.header("Content-Type"),
            new Validators(response.header("ETag"), response.header("Last-Modified")),
            CappedBody.sha256(body),
            maxAge);
      }
      if (code == 429 || code == 503) {
        // Without Retry-After the duration is null: the caller backs off as it would on an error.
        return new FetchResult.RetryLater(
            RetryAfter.parse(response.header("Retry-After"), clock.instant()), status);
      }
      return new FetchResult.Failed(status, code == 410);
    }

    private FetchResult follow(String location, int code, String status) {
      if (location == null || location.isBlank()) {
        return new FetchResult.Failed(status + " without a Location", false);
      }
      HttpUrl next = current.resolve(location.strip());
      if (next == null) {
        return new FetchResult.Failed(FetchErrors.badLocation(location.strip()), false);
      }
      allPermanent &= code == 301 || code == 308;
      current = next;
      return null;
    }

    private long remaining() {
      return deadline - System.nanoTime();
    }

    private boolean pastDeadline() {
      return remaining() <= 0;
    }
  }

  private static Duration maxAge(Response response) {
    int seconds = response.cacheControl().maxAgeSeconds();
    return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
