package dev.orrery.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A row of {@code feeds}: one watched URL and how polling it is going.
 *
 * @param url the address the feed was subscribed with: its identity
 * @param fetchUrl where it moved to with a permanent redirect, or null
 * @param pausedReason why polling stopped, or null while it runs
 * @param imageUrl the feed's own image or icon, or null
 * @param ttl the feed's own {@code <ttl>} at its last successful parse, or null
 * @param pollInterval the interval chosen at the last successful poll, before jitter, or null
 * @param pollIntervalReason why that interval, e.g. "posts about every 20 min", or null
 */
public record Feed(
    long id,
    String url,
    String fetchUrl,
    String title,
    String siteUrl,
    String etag,
    String lastModified,
    String contentHash,
    Instant createdAt,
    Instant nextPollAt,
    Instant lastPolledAt,
    Instant lastSuccessAt,
    Instant lastNewAt,
    int errorCount,
    String lastError,
    Instant failingSince,
    String pausedReason,
    Instant pausedAt,
    String imageUrl,
    Duration ttl,
    Duration pollInterval,
    String pollIntervalReason) {

  /** Where to fetch the feed: its new address after a permanent redirect, else its own. */
  public String location() {
    return fetchUrl != null ? fetchUrl : url;
  }

  /** True until the feed has been fetched and parsed once: that first poll is its baseline. */
  public boolean neverPolled() {
    return lastSuccessAt == null;
  }

  public boolean paused() {
    return pausedReason != null;
  }

  /** The title to show: the feed's own, else its URL. */
  public String displayName() {
    return title != null && !title.isBlank() ? title : url;
  }
}
