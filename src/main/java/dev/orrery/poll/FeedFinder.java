package dev.orrery.poll;

import dev.orrery.feed.FeedDiscovery;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * From what a person typed to a feed that has been read: a catalogue name or a URL is resolved, a
 * new URL is read before anything is stored (a web page is followed to the feed it links to), and a
 * known feed is read again when what is stored could be stale. The one way {@code /subscribe},
 * {@code /latest} and {@code orrery latest} find their feed.
 */
public final class FeedFinder {
  private final Catalogue catalogue;
  private final FeedStore feeds;
  private final SubscriptionStore subscriptions;
  private final FeedRefresher refresher;
  private final InstantSource clock;

  public FeedFinder(
      Catalogue catalogue,
      FeedStore feeds,
      SubscriptionStore subscriptions,
      FeedRefresher refresher,
      InstantSource clock) {
    this.catalogue = catalogue;
    this.feeds = feeds;
    this.subscriptions = subscriptions;
    this.refresher = refresher;
    this.clock = clock;
  }

  /** What looking for a feed came to. */
  public sealed interface Found {
    /**
     * @param note what a person should know about how it was found (the page it came from and the
     *     other feeds that page offers), or null
     */
    record Ready(Feed feed, String note) implements Found {}

    /** There is no readable feed there; nothing was stored. */
    record Refused(String reason) implements Found {}
  }

  /** How current the stored entries must be. */
  public enum Freshness {
    /** To show its entries: a feed that was never read is read now. */
    READ_ONCE,
    /**
     * To subscribe: also a feed that nobody polls or that is paused, so that what it already has
     * counts as the baseline instead of as new at the next poll.
     */
    CURRENT
  }

  /** Resolves what was typed: a catalogue name or an http(s) URL, within the URL limits. */
  public Catalogue.Resolution resolve(String typed) {
    return catalogue.resolve(typed);
  }

  /** Finds the feed at a resolved source: a feed, or a page that links to one. */
  public Found find(Catalogue.Resolution.Url source, Freshness freshness) {
    return find(source.url(), freshness, null);
  }

  private Found find(String url, Freshness freshness, String note) {
    Optional<Feed> known = feeds.findByUrl(url);
    if (known.isPresent()) {
      return current(known.get(), freshness, note);
    }
    FeedRefresher.FirstRead read = refresher.readNew(url);
    if (read instanceof FeedRefresher.FirstRead.Refused refused) {
      return new Found.Refused(refused.reason());
    }
    if (read instanceof FeedRefresher.FirstRead.Page page) {
      return note == null
          ? follow(page.offered(), freshness)
          : new Found.Refused("the page's feed " + url + " is a web page itself");
    }
    return new Found.Ready(((FeedRefresher.FirstRead.Stored) read).feed(), note);
  }

  /** The first feed a page offers that Orrery can read, saying what else the page offers. */
  private Found follow(List<FeedDiscovery.Offered> offered, Freshness freshness) {
    Optional<FeedDiscovery.Offered> first =
        offered.stream().filter(FeedDiscovery.Offered::readable).findFirst();
    if (first.isEmpty()) {
      return new Found.Refused(
          offered.isEmpty()
              ? "this page links to no feed: paste the address of its RSS or Atom feed"
              : "this page links only to a JSON Feed ("
                  + offered.get(0).url()
                  + "), which Orrery cannot read: paste the address of an RSS or Atom feed");
    }
    String others =
        offered.stream()
            .filter(o -> o != first.get())
            .map(FeedDiscovery.Offered::url)
            .collect(Collectors.joining(", "));
    String note =
        "that page is not a feed: using the feed it links to, "
            + first.get().url()
            + (others.isEmpty() ? "" : " (it also offers " + others + ")");
    return find(first.get().url(), freshness, note);
  }

  private Found current(Feed feed, Freshness freshness, String note) {
    boolean stale =
        feed.neverPolled()
            || (freshness == Freshness.CURRENT
                && (feed.paused() || subscriptions.forFeed(feed.id()).isEmpty()));
    if (!stale) {
      return new Found.Ready(feed, note);
    }
    RefreshOutcome outcome = refresher.refresh(feed);
    if (outcome instanceof RefreshOutcome.Failed failed) {
      return new Found.Refused(failed.reason());
    }
    // without a fresh read, what is stored (maybe nothing) would pass for what the feed has
    if (outcome instanceof RefreshOutcome.Deferred deferred) {
      return new Found.Refused(deferred.reason() + ": the feed's server asks to come back later");
    }
    if (feed.paused()) {
      feeds.resume(feed.id(), clock.instant());
    }
    return new Found.Ready(feeds.find(feed.id()).orElse(feed), note);
  }
}
