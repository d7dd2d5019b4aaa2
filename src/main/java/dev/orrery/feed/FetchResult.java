package dev.orrery.feed;

import java.net.URI;
import java.time.Duration;

/** What fetching a feed URL came to: the outcomes a refresh expects, as values. */
public sealed interface FetchResult {

  /**
   * A body was received.
   *
   * @param url the URL the body came from, after redirects
   * @param movedTo the new permanent address when every redirect on the way was 301 or 308, else
   *     null
   * @param body the raw bytes, never more than the configured cap
   * @param contentType the Content-Type header, or null
   * @param validators the ETag and Last-Modified to send next time
   * @param bodyHash hex SHA-256 of the body, to skip parsing an unchanged feed
   * @param maxAge Cache-Control max-age, or null
   */
  record Fetched(
      URI url,
      URI movedTo,
      byte[] body,
      String contentType,
      Validators validators,
      String bodyHash,
      Duration maxAge)
      implements FetchResult {}

  /** The server answered 304: nothing changed since the validators sent. */
  record NotModified(Validators validators, Duration maxAge) implements FetchResult {}

  /**
   * The server asked to come back later (429 or 503).
   *
   * @param retryAfter the Retry-After delay, or null when the server gave none: back off as after
   *     an error
   */
  record RetryLater(Duration retryAfter, String reason) implements FetchResult {}

  /**
   * The fetch failed; {@code reason} reads well to a person ("HTTP 404 Not Found").
   *
   * @param gone true for 410 Gone: the feed should be paused, not retried
   */
  record Failed(String reason, boolean gone) implements FetchResult {}
}
