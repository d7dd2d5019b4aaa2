package dev.orrery.poll;

import dev.orrery.feed.OpmlChannel;
import dev.orrery.feed.OpmlFeed;
import dev.orrery.feed.OpmlWriter;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Subscriptions as an OPML file: one outline per channel, under it each feed the channel receives
 * with the subscription's settings, so that importing the file gives the same subscriptions. Used
 * by {@code /opml export} and {@code orrery opml export}.
 */
public final class OpmlExport {
  private final FeedStore feeds;
  private final Catalogue catalogue;
  private final InstantSource clock;
  private final OpmlWriter writer = new OpmlWriter();

  public OpmlExport(FeedStore feeds, Catalogue catalogue, InstantSource clock) {
    this.feeds = feeds;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  /**
   * @param title the file's title
   * @param subscriptions in the order to write them, by channel
   * @param channelName a channel's name, from its id
   * @return the OPML file, UTF-8
   */
  public byte[] write(
      String title, List<Subscription> subscriptions, LongFunction<String> channelName) {
    Map<Long, List<OpmlFeed>> byChannel = new LinkedHashMap<>();
    for (Subscription subscription : subscriptions) {
      Optional<Feed> feed = feeds.find(subscription.feedId());
      // a feed removed since the subscriptions were listed has nothing left to export
      feed.ifPresent(
          f ->
              byChannel
                  .computeIfAbsent(subscription.channelId(), c -> new ArrayList<>())
                  .add(
                      new OpmlFeed(
                          f.url(),
                          catalogue.displayName(f),
                          f.siteUrl(),
                          OpmlSettings.write(subscription.settings()))));
    }
    List<OpmlChannel> channels = new ArrayList<>();
    byChannel.forEach(
        (id, listed) -> channels.add(new OpmlChannel(id, channelName.apply(id), listed)));
    return writer.write(title, channels, clock.instant());
  }
}
