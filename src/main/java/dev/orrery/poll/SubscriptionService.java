package dev.orrery.poll;

import dev.orrery.store.Admission;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.Entry;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Subscribing and unsubscribing channels: resolves the source, checks the feed works before saving
 * anything, and keeps the poll scheduler in step. Used by the slash commands and by the channels
 * configured in the file.
 */
public final class SubscriptionService {
  private final FeedStore feeds;
  private final EntryStore entries;
  private final SubscriptionStore subscriptions;
  private final DeliveryStore deliveries;
  private final FeedFinder finder;
  private final PollScheduler scheduler;
  private final InstantSource clock;

  /** How far back a backfill looks for entries a filter lets through. */
  static final int BACKFILL_LOOKBACK = 100;

  private final Admission admission;

  public SubscriptionService(
      FeedStore feeds,
      EntryStore entries,
      SubscriptionStore subscriptions,
      DeliveryStore deliveries,
      FeedFinder finder,
      PollScheduler scheduler,
      Admission admission,
      InstantSource clock) {
    this.admission = admission;
    this.feeds = feeds;
    this.entries = entries;
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.finder = finder;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** What a subscribe request came to. */
  public sealed interface SubscribeResult {
    /**
     * @param latest the newest entry already published, or null for an empty feed
     * @param note how the feed was found when the source was a page that links to it, or null
     */
    record Subscribed(
        Feed feed, Subscription subscription, Entry latest, int backfilled, String note)
        implements SubscribeResult {}

    /**
     * @param resumedFrom why the feed or subscription was paused, when this request resumed it
     */
    record AlreadySubscribed(Feed feed, Subscription subscription, String resumedFrom)
        implements SubscribeResult {}

    record Refused(String reason) implements SubscribeResult {}
  }

  /**
   * Subscribes a channel. A new feed is fetched and parsed first: if that fails nothing is saved
   * and the reason is returned. The entries it already has are its baseline, never posted, except
   * the latest {@code backfill} ones when asked.
   *
   * @param settings the new subscription's filter, template, appearance and digest, already
   *     checked; a channel already subscribed keeps its own
   */
  public SubscribeResult subscribe(
      long guildId,
      long channelId,
      String source,
      Long mentionRoleId,
      Subscription.Settings settings,
      Long createdBy,
      int backfill) {
    Catalogue.Resolution resolution = finder.resolve(source);
    if (resolution instanceof Catalogue.Resolution.Invalid invalid) {
      return new SubscribeResult.Refused(invalid.reason());
    }
    String url = ((Catalogue.Resolution.Url) resolution).url();
    Optional<Feed> known = feeds.findByUrl(url);
    if (known.isPresent()) {
      Optional<Subscription> existing = subscriptions.find(channelId, known.get().id());
      if (existing.isPresent()) {
        return alreadySubscribed(known.get(), existing.get());
      }
    }
    FeedFinder.Found found =
        finder.find((Catalogue.Resolution.Url) resolution, FeedFinder.Freshness.CURRENT);
    if (found instanceof FeedFinder.Found.Refused refused) {
      return new SubscribeResult.Refused(refused.reason());
    }
    Feed feed = ((FeedFinder.Found.Ready) found).feed();
    String note = ((FeedFinder.Found.Ready) found).note();
    Optional<Subscription> created =
        subscriptions.create(
            guildId, channelId, feed.id(), mentionRoleId, settings, createdBy, clock.instant());
    if (created.isEmpty()) {
      // another request subscribed the same channel a moment ago
      return alreadySubscribed(feed, subscriptions.find(channelId, feed.id()).orElseThrow());
    }
    int backfilled = backfill > 0 ? backfill(created.get(), backfill) : 0;
    scheduler.watch(feed);
    List<Entry> latest = entries.latest(feed.id(), 1);
    return new SubscribeResult.Subscribed(
        feed, created.get(), latest.isEmpty() ? null : latest.get(0), backfilled, note);
  }

  /**
   * Queues the latest {@code count} entries the new subscription's filter lets through, among the
   * feed's latest {@link #BACKFILL_LOOKBACK}.
   */
  private int backfill(Subscription subscription, int count) {
    List<Entry> chosen =
        entries.latest(subscription.feedId(), BACKFILL_LOOKBACK).stream()
            .filter(e -> admission.refusal(subscription, e) == null)
            .limit(count)
            .toList();
    return deliveries.backfill(subscription, chosen, clock.instant());
  }

  private SubscribeResult alreadySubscribed(Feed feed, Subscription subscription) {
    String resumedFrom = null;
    if (subscription.pausedReason() != null && subscriptions.resume(subscription.id())) {
      resumedFrom = subscription.pausedReason();
    }
    if (feed.paused()) {
      resumedFrom = feed.pausedReason();
      feeds.resume(feed.id(), clock.instant());
      scheduler.watch(feeds.find(feed.id()).orElse(feed));
    }
    return new SubscribeResult.AlreadySubscribed(feed, subscription, resumedFrom);
  }

  /** Which of a channel's subscriptions a source as typed names. */
  public sealed interface Lookup {
    record Found(Feed feed, Subscription subscription) implements Lookup {}

    /** The source is neither a catalogue name nor a feed URL, for this reason. */
    record Invalid(String reason) implements Lookup {}

    /** The channel is not subscribed to that source. */
    record NotSubscribed() implements Lookup {}
  }

  /** The channel's subscription to a source (a catalogue name or a feed URL), if it has one. */
  public Lookup find(long channelId, String source) {
    Catalogue.Resolution resolution = finder.resolve(source);
    if (resolution instanceof Catalogue.Resolution.Invalid invalid) {
      return new Lookup.Invalid(invalid.reason());
    }
    String url = ((Catalogue.Resolution.Url) resolution).url();
    Optional<Feed> feed = feeds.findByUrl(url);
    Optional<Subscription> subscription = feed.flatMap(f -> subscriptions.find(channelId, f.id()));
    if (subscription.isEmpty()) {
      return new Lookup.NotSubscribed();
    }
    return new Lookup.Found(feed.get(), subscription.get());
  }

  /** What an unsubscribe request came to. */
  public sealed interface UnsubscribeResult {
    record Unsubscribed(Feed feed) implements UnsubscribeResult {}

    record NotSubscribed(String reason) implements UnsubscribeResult {}
  }

  /** Unsubscribes a channel; the feed stops being polled when no channel wants it any more. */
  public UnsubscribeResult unsubscribe(long channelId, String source) {
    Lookup lookup = find(channelId, source);
    if (lookup instanceof Lookup.Invalid invalid) {
      return new UnsubscribeResult.NotSubscribed(invalid.reason());
    }
    if (!(lookup instanceof Lookup.Found found)) {
      return new UnsubscribeResult.NotSubscribed("this channel is not subscribed to " + source);
    }
    if (!subscriptions.delete(found.subscription().id())) {
      // another request removed it a moment ago
      return new UnsubscribeResult.NotSubscribed("this channel is not subscribed to " + source);
    }
    return new UnsubscribeResult.Unsubscribed(found.feed());
  }

  /**
   * A channel is gone: its subscriptions go too, and feeds nobody wants stop being polled (the due
   * feeds are read with their subscriptions).
   */
  public int channelDeleted(long channelId) {
    return subscriptions.deleteChannel(channelId);
  }
}
