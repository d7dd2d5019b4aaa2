package dev.orrery.store;

import java.time.Instant;
import java.util.List;

/**
 * A watched feed as {@code orrery status} shows it: its row, the channels subscribed to it and what
 * waits to be posted from it.
 *
 * @param subscriptionCount how many subscriptions want the feed
 * @param channels those subscriptions' channels, by channel id
 * @param pending deliveries of its entries waiting to be posted
 * @param oldestPending when the oldest of them was queued, or null when none waits
 */
public record FeedStatus(
    Feed feed, int subscriptionCount, List<Channel> channels, int pending, Instant oldestPending) {

  public FeedStatus {
    channels = List.copyOf(channels);
  }

  /**
   * A channel subscribed to the feed.
   *
   * @param guildId the channel's server; 0 for the console of {@code orrery poll}
   * @param pausedReason why the channel stopped receiving posts (missing access), or null
   */
  public record Channel(long guildId, long channelId, String pausedReason) {
    /** Whether this is the console of a running {@code orrery poll}, not a Discord channel. */
    public boolean console() {
      return channelId == Subscription.CONSOLE_CHANNEL;
    }
  }
}
