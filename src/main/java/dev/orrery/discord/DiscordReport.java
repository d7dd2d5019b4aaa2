package dev.orrery.discord;

/**
 * What the Discord side tells the metrics, in plain words: no JDA type crosses it. Every method is
 * called on JDA's or the deliverer's threads and must return at once.
 */
public interface DiscordReport {
  /** How a delivery settled. */
  enum Delivery {
    /** Discord confirmed the post. */
    SENT,
    /** A passing trouble: tried again later. */
    RETRIED,
    /** Discord refused it for good. */
    FAILED,
    /** The channel is gone, and its subscriptions with it. */
    CHANNEL_GONE,
    /** The bot cannot post there: the subscriptions paused. */
    PAUSED
  }

  /** Which of Discord's limits a 429 was for ({@code X-RateLimit-Scope}). */
  enum RateLimit {
    /** The bot's own limit on the route. */
    ROUTE,
    /** The bot's global limit. */
    GLOBAL,
    /** A limit shared with others on the resource. */
    SHARED,
    /** A 429 that names no scope (Cloudflare's, before Discord). */
    UNKNOWN
  }

  /** How a slash command ended. */
  enum Command {
    /** It ran to its end, whatever it answered. */
    OK,
    /** It threw: the user was told something went wrong. */
    ERROR,
    /** No such command (any more). */
    UNKNOWN
  }

  /** A REST request went to Discord. */
  void request();

  /** Discord answered a request with 429. */
  void rateLimited(RateLimit scope);

  void delivered(Delivery outcome);

  void command(String name, Command outcome);

  /** Reports to nobody: no metrics are served. */
  DiscordReport NONE =
      new DiscordReport() {
        @Override
        public void request() {}

        @Override
        public void rateLimited(RateLimit scope) {}

        @Override
        public void delivered(Delivery outcome) {}

        @Override
        public void command(String name, Command outcome) {}
      };
}
