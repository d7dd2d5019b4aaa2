package dev.orrery.discord;

/**
 * The message nonce of a delivery or a digest: fixed by what it posts, so a send repeated after a
 * crash carries the same nonce and Discord returns the first message instead of posting a second.
 */
final class Nonces {
  /** Discord accepts nonces of at most 25 characters. */
  static final int MAX_LENGTH = 25;

  private Nonces() {}

  static String entry(long channelId, long entryId) {
    return fit(Long.toString(channelId, 36) + "." + Long.toString(entryId, 36));
  }

  /** The nonce of the line that sums up a burst, sent after the entry it follows. */
  static String burstSummary(long channelId, long entryId) {
    return fit(Long.toString(channelId, 36) + "+" + Long.toString(entryId, 36));
  }

  /**
   * The nonce of one message of a digest, fixed by channel, digest and part, so the parts sent
   * again after a crash are each recognised.
   *
   * @param part counted from 1
   */
  static String digest(long channelId, long digestId, int part) {
    return fit(
        Long.toString(channelId, 36)
            + "~"
            + Long.toString(digestId, 36)
            + "~"
            + Integer.toString(part, 36));
  }

  private static String fit(String nonce) {
    if (nonce.length() <= MAX_LENGTH) {
      return nonce;
    }
    // only reachable with ids far beyond any this database makes: still unique enough, and stable
    return nonce.substring(0, 12) + Long.toString(nonce.hashCode() & 0xffffffffL, 36);
  }
}
