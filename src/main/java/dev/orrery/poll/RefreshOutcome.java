package dev.orrery.poll;

import dev.orrery.store.Feed;
import dev.orrery.store.RefreshRecord;
import java.time.Duration;

/** What refreshing one feed came to; each names the feed it was about. */
public sealed interface RefreshOutcome {
  Feed feed();

  /** The feed was fetched and parsed; {@code record} says what was new. */
  record Updated(Feed feed, RefreshRecord record) implements RefreshOutcome {}

  /** Nothing changed: a 304, or the same body as last time (not parsed again). */
  record Unchanged(Feed feed, boolean notModified) implements RefreshOutcome {}

  /** The server asked us to come back later. */
  record Deferred(Feed feed, Duration retryAfter, String reason) implements RefreshOutcome {}

  /**
   * The refresh failed; {@code reason} reads well to a person.
   *
   * @param pausedNow true when this failure paused the feed (410, or failing for days)
   */
  record Failed(Feed feed, String reason, boolean pausedNow) implements RefreshOutcome {
    /** The reason given when something we did not foresee went wrong; the log has the rest. */
    public static final String UNEXPECTED =
        "could not be read because of an unexpected error (the log has the details)";
  }
}
