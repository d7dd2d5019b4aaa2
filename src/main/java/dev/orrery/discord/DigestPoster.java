package dev.orrery.discord;

import dev.orrery.store.DigestStore;
import dev.orrery.store.PendingDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one digest: its messages in order, each with a nonce fixed by digest and part, so a digest
 * sent again after a crash or a failure halfway is not posted twice; a subscription with an
 * appearance posts it through the channel's webhook, where each part sent again is first looked for
 * among the channel's messages since the digest was made. It is marked sent, with its messages,
 * only once Discord confirmed every one.
 */
final class DigestPoster {
  private static final Logger log = LoggerFactory.getLogger(DigestPoster.class);

  private final ChannelPoster poster;
  private final DigestRenderer renderer;
  private final DigestStore digests;
  private final FailureResponse failures;
  private final Executor completions;
  private final InstantSource clock;
  private final String node;

  /**
   * @param completions where outcomes are recorded: off JDA's threads, which must not wait on the
   *     database
   * @param node the node this runs on, which claims each digest before sending it
   */
  DigestPoster(
      ChannelPoster poster,
      DigestRenderer renderer,
      DigestStore digests,
      FailureResponse failures,
      Executor completions,
      InstantSource clock,
      String node) {
    this.poster = poster;
    this.renderer = renderer;
    this.digests = digests;
    this.failures = failures;
    this.completions = completions;
    this.clock = clock;
    this.node = node;
  }

  /**
   * Sends the digest and records the outcome, if this node wins its claim; when it settled since it
   * was read, or another node is trying it, there is nothing to send. Never fails.
   */
  CompletableFuture<Void> post(PendingDigest digest) {
    if (!claimed(digest)) {
      return CompletableFuture.completedFuture(null);
    }
    List<DigestRenderer.Part> parts = new ArrayList<>();
    CompletableFuture<List<Long>> sent;
    try {
      parts.addAll(
          renderer.render(
              digest.feed(),
              digests.entries(digest.digestId()),
              digest.subscription().mentionRoleId(),
              digest.dueAt()));
      sent = inOrder(digest, parts);
    } catch (RuntimeException e) {
      // a digest that cannot be made into messages must not stall its channel
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.handleAsync(
        (messages, error) -> {
          try {
            settle(digest, parts, messages, error);
          } catch (RuntimeException e) {
            log.error("Could not record the outcome of digest {}", digest.digestId(), e);
          }
          return null;
        },
        completions);
  }

  /** Claims the digest's next try, which records it before it is made, as a crash may cut it. */
  private boolean claimed(PendingDigest digest) {
    try {
      return digests.claim(digest.digestId(), node, clock.instant());
    } catch (RuntimeException e) {
      log.warn("Could not claim digest {}; it waits for the next round", digest.digestId(), e);
      return false;
    }
  }

  /** Each message once the one before it is confirmed, so they appear in order. */
  private CompletableFuture<List<Long>> inOrder(
      PendingDigest digest, List<DigestRenderer.Part> parts) {
    long channel = digest.subscription().channelId();
    // a forum or webhook post made by an earlier try is looked for from when the digest was made
    Instant earlierSince = digest.attempts() > 0 ? digest.createdAt() : null;
    CompletableFuture<List<Long>> chain = CompletableFuture.completedFuture(new ArrayList<>());
    for (int i = 0; i < parts.size(); i++) {
      DigestRenderer.Part part = parts.get(i);
      String nonce = Nonces.digest(channel, digest.digestId(), i + 1);
      chain =
          chain.thenCompose(
              messages ->
                  poster
                      .sendAs(
                          digest.subscription(),
                          digest.feed(),
                          channel,
                          part.message(),
                          nonce,
                          part.title(),
                          earlierSince)
                      .thenApply(
                          id -> {
                            messages.add(id);
                            return messages;
                          }));
    }
    return chain;
  }

  private void settle(
      PendingDigest digest, List<DigestRenderer.Part> parts, List<Long> messages, Throwable error) {
    if (error != null) {
      failures.failed(asPost(digest), digest.subscription().channelId(), digest.attempts(), error);
      return;
    }
    Map<Long, Long> messageOfEntry = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      for (long entryId : parts.get(i).entryIds()) {
        messageOfEntry.put(entryId, messages.get(i));
      }
    }
    digests.markSent(
        digest.digestId(),
        messages.isEmpty() ? null : messages.get(0),
        messageOfEntry,
        clock.instant());
  }

  private FailureResponse.Post asPost(PendingDigest digest) {
    long id = digest.digestId();
    return new FailureResponse.Post() {
      @Override
      public String name() {
        return "digest " + id;
      }

      @Override
      public void retryLater(String reason, Instant next) {
        digests.retryLater(id, reason, next);
      }

      @Override
      public void failed(String reason) {
        digests.markFailed(id, reason);
      }
    };
  }
}
