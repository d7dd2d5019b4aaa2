package dev.orrery.feed;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import okhttp3.Dns;

/**
 * How the {@link FeedFetcher} behaves.
 *
 * @param userAgent sent with every request, e.g. "Orrery/0.1.0
 *     (+https://github.com/orrery-bot/orrery)"
 * @param timeout connect and read timeout, and the overall deadline of one fetch with its redirects
 * @param maxBytes the largest body accepted, counted after decompression
 * @param allowPrivateAddresses let feeds on loopback and private networks through
 * @param maxRequestsPerHost how many fetches may talk to one host at once
 * @param dns the resolver the address guard asks
 * @param allowedAddresses single addresses let through the guard although private
 */
public record FetcherSettings(
    String userAgent,
    Duration timeout,
    long maxBytes,
    boolean allowPrivateAddresses,
    int maxRequestsPerHost,
    Dns dns,
    Set<InetAddress> allowedAddresses) {

  public FetcherSettings {
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(dns, "dns");
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    if (maxRequestsPerHost <= 0) {
      throw new IllegalArgumentException(
          "maxRequestsPerHost must be positive, was " + maxRequestsPerHost);
    }
    allowedAddresses = Set.copyOf(allowedAddresses);
  }

  /** Settings with the system resolver and no single allowed addresses. */
  public FetcherSettings(
      String userAgent,
      Duration timeout,
      long maxBytes,
      boolean allowPrivateAddresses,
      int maxRequestsPerHost) {
    this(
        userAgent,
        timeout,
        maxBytes,
        allowPrivateAddresses,
        maxRequestsPerHost,
        Dns.SYSTEM,
        Set.of());
  }
}
