package dev.orrery.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Picks one page of a channel's history the way Discord pages it: newest first, by message id. */
final class MessageHistory {
  private MessageHistory() {}

  /**
   * The page of {@code limit} messages: the newest before {@code before}, the oldest after {@code
   * after} (still returned newest first), or half on either side of {@code around}.
   */
  static List<PostedMessage> page(
      List<PostedMessage> all, Long before, Long after, Long around, int limit) {
    List<PostedMessage> newestFirst = new ArrayList<>(all);
    newestFirst.sort(Comparator.comparingLong(PostedMessage::id).reversed());
    if (around != null) {
      List<PostedMessage> older =
          newestFirst.stream().filter(m -> m.id() <= around).limit((limit + 1) / 2).toList();
      List<PostedMessage> newer =
          newestFirst.stream()
              .filter(m -> m.id() > around)
              .sorted(Comparator.comparingLong(PostedMessage::id))
              .limit(limit / 2)
              .sorted(Comparator.comparingLong(PostedMessage::id).reversed())
              .toList();
      List<PostedMessage> page = new ArrayList<>(newer);
      page.addAll(older);
      return page;
    }
    if (after != null) {
      return newestFirst.stream()
          .filter(m -> m.id() > after)
          .sorted(Comparator.comparingLong(PostedMessage::id))
          .limit(limit)
          .sorted(Comparator.comparingLong(PostedMessage::id).reversed())
          .toList();
    }
    return newestFirst.stream()
        .filter(m -> before == null || m.id() < before)
        .limit(limit)
        .toList();
  }
}
