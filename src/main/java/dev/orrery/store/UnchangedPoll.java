package dev.orrery.store;

import java.time.Instant;

/**
 * A poll that found its feed unchanged (a 304, or the body it had): what {@link
 * FeedStore#recordUnchanged(java.util.List)} writes of it.
 *
 * @param etag the validator to keep, or null to keep the one stored
 * @param lastModified the same for Last-Modified
 */
public record UnchangedPoll(
    long feedId, Instant polledAt, Instant nextPoll, String etag, String lastModified) {

  /** This poll after {@code earlier} of the same feed: validators it lacks come from that one. */
  public UnchangedPoll after(UnchangedPoll earlier) {
    return new UnchangedPoll(
        feedId,
        polledAt,
        nextPoll,
        etag != null ? etag : earlier.etag(),
        lastModified != null ? lastModified : earlier.lastModified());
  }
}
