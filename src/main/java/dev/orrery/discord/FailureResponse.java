package dev.orrery.discord;

import dev.orrery.poll.SubscriptionService;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the deliverer does when a post fails, by the kind of failure: a deleted channel takes its
 * subscriptions with it, a channel the bot cannot reach pauses them (one where it can have no
 * webhook, those posting through one), a passing trouble is retried with a growing pause, and a
 * refusal is recorded for good.
 */
final class FailureResponse {
  private static final Logger log = LoggerFactory.getLogger(FailureResponse.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY = Duration.ofHours(1);

  /** The row a failed post came from: a delivery or a digest. */
  interface Post {
    /** Names it in the log: "delivery 12", "digest 3". */
    String name();

    void retryLater(String reason, Instant next);

    void failed(String reason);
  }

  private final SubscriptionStore subscriptions;
  private final SubscriptionService service;
  private final InstantSource clock;

  FailureResponse(
      SubscriptionStore subscriptions, SubscriptionService service, InstantSource clock) {
    this.subscriptions = subscriptions;
    this.service = service;
    this.clock = clock;
  }

  /**
   * @param attempts the tries made before this one
   * @return the kind of failure it was, which says what was done
   */
  SendFailure.Kind failed(Post post, long channel, int attempts, Throwable error) {
    SendFailure failure = SendFailure.of(error);
    switch (failure.kind()) {
      case CHANNEL_GONE -> {
        int removed = service.channelDeleted(channel);
        log.warn("Channel {} is gone: removed its {} subscriptions", channel, removed);
      }
      case NO_ACCESS -> {
        for (Subscription s : subscriptions.forChannel(channel)) {
          subscriptions.pause(s.id(), failure.reason());
        }
        log.warn("Paused the subscriptions of channel {}: {}", channel, failure.reason());
      }
      case NO_WEBHOOK -> {
        // the channel's other subscriptions still post as the bot
        for (Subscription s : subscriptions.forChannel(channel)) {
          if (s.viaWebhook()) {
            subscriptions.pause(s.id(), failure.reason());
          }
        }
        log.warn("Paused the webhook subscriptions of channel {}: {}", channel, failure.reason());
      }
      case TRANSIENT -> {
        Instant next = clock.instant().plus(backoff(attempts));
        post.retryLater(failure.reason(), next);
        log.info(
            "Posting {} to channel {} failed ({}); retrying at {}",
            post.name(),
            channel,
            failure.reason(),
            next);
      }
      case REJECTED -> {
        post.failed(failure.reason());
        log.warn("Discord rejected {} to channel {}: {}", post.name(), channel, failure.reason());
      }
    }
    return failure.kind();
  }

  static Duration backoff(int attempts) {
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts, 12));
    return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
  }
}
