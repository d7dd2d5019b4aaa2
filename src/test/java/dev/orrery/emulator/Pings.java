package dev.orrery.emulator;

import java.util.Set;

/** Who a message actually notified, after allowed mentions and the bot's permissions. */
public record Pings(boolean everyone, Set<Long> roleIds, Set<Long> userIds) {
  public static final Pings NONE = new Pings(false, Set.of(), Set.of());

  public boolean any() {
    return everyone || !roleIds.isEmpty() || !userIds.isEmpty();
  }
}
