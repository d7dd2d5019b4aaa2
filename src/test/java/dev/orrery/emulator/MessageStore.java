package dev.orrery.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Every message the bot created, in arrival order, with Discord's nonce rule: a post with {@code
 * enforce_nonce} whose nonce was used in the same channel within the window returns the first
 * message.
 */
final class MessageStore {
  private final AwaitableLog<PostedMessage> log = new AwaitableLog<>();
  private final Map<String, PostedMessage> byNonce = new HashMap<>();
  // read while the log's monitor is held (await predicates), so it must not need this store's
  // monitor
  private final Set<Long> deleted = ConcurrentHashMap.newKeySet();
  private final Duration nonceWindow;

  /** The result of a post: the message now stored, or the earlier one its nonce points at. */
  record Posted(PostedMessage message, boolean repeated) {}

  MessageStore(Duration nonceWindow) {
    this.nonceWindow = nonceWindow;
  }

  /** Stores the message {@code create} builds, unless the draft's enforced nonce repeats. */
  synchronized Posted post(
      long channelId, MessageDraft draft, Instant now, Supplier<PostedMessage> create) {
    String key =
        draft.nonce() == null ? null : Long.toUnsignedString(channelId) + "/" + draft.nonce();
    if (key != null && draft.enforceNonce()) {
      PostedMessage earlier = byNonce.get(key);
      if (earlier != null && earlier.arrivedAt().plus(nonceWindow).isAfter(now)) {
        return new Posted(byId(earlier.id()).orElse(earlier), true);
      }
    }
    PostedMessage message = create.get();
    if (key != null) {
      byNonce.put(key, message);
    }
    log.add(message);
    return new Posted(message, false);
  }

  /** Stores a message that has no nonce semantics (interaction replies). */
  void add(PostedMessage message) {
    log.add(message);
  }

  synchronized Optional<PostedMessage> byId(long id) {
    if (deleted.contains(id)) {
      return Optional.empty();
    }
    return log.matching(m -> m.id() == id).stream().findFirst();
  }

  void replace(PostedMessage edited) {
    log.replace(m -> m.id() == edited.id(), edited);
  }

  void delete(long id) {
    deleted.add(id);
  }

  boolean isDeleted(long id) {
    return deleted.contains(id);
  }

  /** What the channel's history shows: its messages not deleted, ephemeral ones left out. */
  List<PostedMessage> visibleIn(long channelId) {
    return log.matching(
        m -> m.channelId() == channelId && !m.ephemeral() && !deleted.contains(m.id()));
  }

  List<PostedMessage> all() {
    return log.snapshot();
  }

  List<PostedMessage> matching(Predicate<PostedMessage> filter) {
    return log.matching(filter);
  }

  List<PostedMessage> await(
      Predicate<PostedMessage> filter, int count, Duration timeout, String what) {
    return log.await(filter, count, timeout, what);
  }
}
