package dev.orrery.discord;

import dev.orrery.markdown.DiscordMarkdown;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.FeedRefresher;
import dev.orrery.poll.RefreshOutcome;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells each subscribed channel, once, that its feed was paused after failing for days. */
final class PauseNotifier implements FeedRefresher.Listener {
  private static final Logger log = LoggerFactory.getLogger(PauseNotifier.class);

  private final SubscriptionStore subscriptions;
  private final ChannelPoster poster;
  private final Catalogue catalogue;

  PauseNotifier(SubscriptionStore subscriptions, ChannelPoster poster, Catalogue catalogue) {
    this.subscriptions = subscriptions;
    this.poster = poster;
    this.catalogue = catalogue;
  }

  @Override
  public void refreshed(RefreshOutcome outcome) {
    if (!(outcome instanceof RefreshOutcome.Failed failed) || !failed.pausedNow()) {
      return;
    }
    String name = catalogue.displayName(failed.feed());
    String text =
        "⏸ Stopped checking **"
            + DiscordMarkdown.escape(name)
            + "**: "
            + DiscordMarkdown.escape(failed.reason())
            + ". Use `/subscribe` with the same source to try again, or `/unsubscribe` to remove"
            + " it.";
    for (Subscription s : subscriptions.forFeed(failed.feed().id())) {
      if (s.channelId() == Subscription.CONSOLE_CHANNEL) {
        continue;
      }
      poster
          .notice(s.channelId(), text, "Feed paused: " + name)
          .whenComplete(
              (message, error) -> {
                if (error != null) {
                  log.warn(
                      "Could not tell channel {} that {} was paused: {}",
                      s.channelId(),
                      name,
                      error.getMessage());
                }
              });
    }
  }
}
