package dev.orrery.poll;

import dev.orrery.feed.EntryNormalizer;
import dev.orrery.feed.FeedDiscovery;
import dev.orrery.feed.FeedFetcher;
import dev.orrery.feed.FeedParser;
import dev.orrery.feed.FetchResult;
import dev.orrery.feed.NormalizedEntry;
import dev.orrery.feed.ParseResult;
import dev.orrery.feed.ParsedEntry;
import dev.orrery.feed.ParsedFeed;
import dev.orrery.feed.Readable;
import dev.orrery.feed.Validators;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.FeedUpdate;
import dev.orrery.store.RefreshRecord;
import dev.orrery.store.StoreException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refreshes one feed: fetch, parse, normalise, store, in that order, and says what came of it. */
public final class FeedRefresher {
  private static final Logger log = LoggerFactory.getLogger(FeedRefresher.class);
  private static final String WAITING_FOR_ROOM =
      ": polling waits until there is room, then resumes by itself";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

  /** Told of every refresh, on the thread that did it. */
  @FunctionalInterface
  public interface Listener {
    void refreshed(RefreshOutcome outcome);

    /** As {@link #refreshed(RefreshOutcome)}, with how long the refresh took: for the metrics. */
    default void refreshed(RefreshOutcome outcome, Duration took) {
      refreshed(outcome);
    }
  }

  private final FeedFetcher fetcher;
  private final FeedParser parser;
  private final EntryNormalizer normalizer;
  private final FeedStore feeds;
  private final EntryStore entries;
  private final PollSchedule schedule;
  private final FeedPace pace;
  private final InstantSource clock;
  private final UnchangedPolls unchanged;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final DiskFullBackoff diskFull = new DiskFullBackoff();

  public FeedRefresher(
      FeedFetcher fetcher,
      FeedParser parser,
      EntryNormalizer normalizer,
      FeedStore feeds,
      EntryStore entries,
      PollSchedule schedule,
      Catalogue catalogue,
      InstantSource clock) {
    this(
        fetcher,
        parser,
        normalizer,
        feeds,
        entries,
        schedule,
        catalogue,
        clock,
        UnchangedPolls.writeThrough(feeds));
  }

  /**
   * @param unchanged where polls that found their feed unchanged are recorded, in batches or not
   */
  public FeedRefresher(
      FeedFetcher fetcher,
      FeedParser parser,
      EntryNormalizer normalizer,
      FeedStore feeds,
      EntryStore entries,
      PollSchedule schedule,
      Catalogue catalogue,
      InstantSource clock,
      UnchangedPolls unchanged) {
    this.pace = new FeedPace(schedule.rhythm(), catalogue, entries);
    this.fetcher = fetcher;
    this.parser = parser;
    this.normalizer = normalizer;
    this.feeds = feeds;
    this.entries = entries;
    this.schedule = schedule;
    this.clock = clock;
    this.unchanged = unchanged;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Refreshes the feed now, whatever its schedule says, and tells the listeners. */
  public RefreshOutcome refresh(Feed feed) {
    long started = System.nanoTime();
    RefreshOutcome outcome = guarded(feed);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    if (outcome instanceof RefreshOutcome.Failed failed) {
      log.warn("Feed {} failed: {}", feed.url(), failed.reason());
    } else if (outcome instanceof RefreshOutcome.Updated updated
        && !updated.record().inserted().isEmpty()) {
      log.info(
          "Feed {}: {}{}",
          feed.url(),
          Readable.count(updated.record().inserted().size(), "new entry", "new entries"),
          updated.record().baseline() ? " (baseline, not posted)" : "");
    }
    for (Listener listener : listeners) {
      listener.refreshed(outcome, took);
    }
    return outcome;
  }

  /**
   * When the feed is to be polled next: from its last unchanged poll if that is not written yet,
   * else from its row; null when it has no row.
   */
  public Instant nextPollAt(long feedId) {
    Instant pending = unchanged.pendingNextPoll(feedId);
    return pending != null ? pending : feeds.find(feedId).map(Feed::nextPollAt).orElse(null);
  }

  /** Writes the unchanged polls not written yet: for whoever reads the rows next. */
  public void flushUnchanged() {
    unchanged.flush();
  }

  /**
   * When polling may try again after the database's disk was found full, or null when polling need
   * not wait.
   */
  public Instant heldUntil() {
    return diskFull.heldUntil(clock.instant());
  }

  /**
   * {@link #fetchAndStore}, where every refresh starts: nothing that goes wrong in it, not even an
   * Error from a hostile feed, escapes to the job or command, and a full disk holds polling back.
   */
  private RefreshOutcome guarded(Feed feed) {
    Instant now = clock.instant();
    Instant held = diskFull.heldUntil(now);
    if (held != null) {
      return new RefreshOutcome.Failed(feed, diskFull.reason() + WAITING_FOR_ROOM, false);
    }
    try {
      RefreshOutcome outcome = fetchAndStore(feed, now);
      diskFull.cleared();
      return outcome;
    } catch (StoreException.DiskFull e) {
      diskFull.full(now, e.getMessage());
      log.warn("Feed {} not stored: {}", feed.url(), e.getMessage());
      return new RefreshOutcome.Failed(feed, e.getMessage() + WAITING_FOR_ROOM, false);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      log.error("Refreshing feed {} failed unexpectedly: {}", feed.url(), e.toString());
      log.debug("Details", e);
      return failUnexpectedly(feed, now);
    }
  }

  private RefreshOutcome failUnexpectedly(Feed feed, Instant now) {
    try {
      return fail(feed, now, RefreshOutcome.Failed.UNEXPECTED);
    } catch (RuntimeException e) {
      log.error("Could not record the failure of feed {}", feed.url(), e);
      return new RefreshOutcome.Failed(feed, RefreshOutcome.Failed.UNEXPECTED, false);
    }
  }

  private RefreshOutcome fetchAndStore(Feed given, Instant now) {
    Feed feed = given;
    if (unchanged.pendingNextPoll(feed.id()) != null) {
      // its last poll is written first, so nothing written now can be overwritten by it
      unchanged.flush();
      feed = feeds.find(feed.id()).orElse(feed);
    }
    URI url = URI.create(feed.location());
    FetchResult result = fetcher.fetch(url, new Validators(feed.etag(), feed.lastModified()));
    if (result instanceof FetchResult.NotModified notModified) {
      unchanged.record(
          feed.id(),
          now,
          schedule.afterSuccess(
              now, pace.whenUnchanged(feed, now), feed.ttl(), notModified.maxAge()),
          notModified.validators().etag(),
          notModified.validators().lastModified());
      return new RefreshOutcome.Unchanged(feed, true);
    }
    if (result instanceof FetchResult.RetryLater retry) {
      if (retry.retryAfter() == null) {
        return fail(feed, now, retry.reason());
      }
      feeds.reschedule(
          feed.id(),
          now,
          schedule.afterRetryAfter(now, retry.retryAfter()),
          retry.reason() + ": asked to come back later");
      return new RefreshOutcome.Deferred(feed, retry.retryAfter(), retry.reason());
    }
    if (result instanceof FetchResult.Failed failed) {
      if (failed.gone()) {
        feeds.recordFailure(
            feed.id(), now, failed.reason(), schedule.afterError(now, feed.errorCount() + 1));
        boolean paused = feeds.pause(feed.id(), failed.reason() + ": the feed was removed", now);
        return new RefreshOutcome.Failed(
            feeds.find(feed.id()).orElse(feed), failed.reason(), paused);
      }
      return fail(feed, now, failed.reason());
    }
    FetchResult.Fetched fetched = (FetchResult.Fetched) result;
    if (fetched.movedTo() != null && !fetched.movedTo().toString().equals(feed.location())) {
      feeds.moveTo(feed.id(), fetched.movedTo().toString());
      log.info("Feed {} moved permanently to {}", feed.url(), fetched.movedTo());
    }
    Validators validators = fetched.validators();
    if (fetched.bodyHash().equals(feed.contentHash()) && !feed.neverPolled()) {
      unchanged.record(
          feed.id(),
          now,
          schedule.afterSuccess(now, pace.whenUnchanged(feed, now), feed.ttl(), fetched.maxAge()),
          validators.etag(),
          validators.lastModified());
      return new RefreshOutcome.Unchanged(feed, false);
    }
    ParseResult parsed = parser.parse(fetched.body(), fetched.contentType(), fetched.url());
    if (parsed instanceof ParseResult.Invalid invalid) {
      return fail(feed, now, invalid.reason());
    }
    return store(feed, fetched, ((ParseResult.Parsed) parsed).feed(), now);
  }

  /** What reading a feed that is not stored yet came to. */
  public sealed interface FirstRead {
    /** It is a working feed, now stored with its entries as the baseline. */
    record Stored(Feed feed) implements FirstRead {}

    /** It is not a working feed; nothing was stored. */
    record Refused(String reason) implements FirstRead {}

    /** It is a web page, which offers these feeds (maybe none); nothing was stored. */
    record Page(List<FeedDiscovery.Offered> offered) implements FirstRead {}
  }

  /**
   * Reads a URL that has no feed row yet and stores it only if it is a working feed, so a refused
   * subscription leaves nothing behind. A feed stored meanwhile by someone else is used as it is.
   */
  public FirstRead readNew(String url) {
    Instant now = clock.instant();
    try {
      return firstRead(url, now);
    } catch (StoreException.DiskFull e) {
      diskFull.full(now, e.getMessage());
      return new FirstRead.Refused(e.getMessage() + ": free some space and try again");
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      log.error("Reading the new feed {} failed unexpectedly: {}", url, e.toString());
      log.debug("Details", e);
      return new FirstRead.Refused(RefreshOutcome.Failed.UNEXPECTED);
    }
  }

  private FirstRead firstRead(String url, Instant now) {
    FetchResult result = fetcher.fetch(URI.create(url), Validators.NONE);
    if (result instanceof FetchResult.RetryLater retry) {
      return new FirstRead.Refused(retry.reason() + ": the feed's server asks to come back later");
    }
    if (result instanceof FetchResult.Failed failed) {
      return new FirstRead.Refused(failed.reason());
    }
    if (!(result instanceof FetchResult.Fetched fetched)) {
      return new FirstRead.Refused("unexpected answer: " + result);
    }
    ParseResult parsed = parser.parse(fetched.body(), fetched.contentType(), fetched.url());
    if (parsed instanceof ParseResult.Invalid invalid) {
      return FeedDiscovery.looksLikeHtml(fetched)
          ? new FirstRead.Page(FeedDiscovery.offered(fetched))
          : new FirstRead.Refused(invalid.reason());
    }
    Feed feed = feeds.findOrCreate(url, now);
    if (!feed.neverPolled()) {
      return new FirstRead.Stored(feed);
    }
    if (fetched.movedTo() != null && !fetched.movedTo().toString().equals(url)) {
      feeds.moveTo(feed.id(), fetched.movedTo().toString());
    }
    RefreshOutcome outcome = store(feed, fetched, ((ParseResult.Parsed) parsed).feed(), now);
    for (Listener listener : listeners) {
      listener.refreshed(outcome);
    }
    return new FirstRead.Stored(outcome.feed());
  }

  private RefreshOutcome.Updated store(
      Feed feed, FetchResult.Fetched fetched, ParsedFeed parsedFeed, Instant now) {
    List<NormalizedEntry> normalized = new ArrayList<>(parsedFeed.entries().size());
    for (ParsedEntry entry : parsedFeed.entries()) {
      normalized.add(normalizer.normalize(entry, fetched.url(), now));
    }
    Validators validators = fetched.validators();
    PollRhythm.Pace chosen = pace.afterRead(feed, parsedFeed, now);
    FeedUpdate update =
        new FeedUpdate(
            normalizer.feedTitle(parsedFeed),
            parsedFeed.siteUrl(),
            validators.etag(),
            validators.lastModified(),
            fetched.bodyHash(),
            schedule.afterSuccess(now, chosen.interval(), parsedFeed.ttl(), fetched.maxAge()),
            parsedFeed.imageUrl(),
            parsedFeed.ttl(),
            chosen.interval(),
            chosen.reason());
    RefreshRecord record = entries.recordRefresh(feed.id(), update, normalized, now);
    return new RefreshOutcome.Updated(feeds.find(feed.id()).orElse(feed), record);
  }

  private RefreshOutcome fail(Feed feed, Instant now, String reason) {
    Feed after =
        feeds.recordFailure(
            feed.id(), now, reason, schedule.afterError(now, feed.errorCount() + 1));
    boolean paused = false;
    if (after.failingSince() != null
        && !after.failingSince().isAfter(now.minus(PollSchedule.GIVE_UP_AFTER))) {
      paused =
          feeds.pause(
              feed.id(), "failing since " + DAY.format(after.failingSince()) + ": " + reason, now);
    }
    return new RefreshOutcome.Failed(after, reason, paused);
  }
}
