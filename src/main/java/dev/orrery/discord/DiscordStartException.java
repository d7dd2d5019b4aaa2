package dev.orrery.discord;

/**
 * The bot could not start on Discord; the message is one sentence for the person running it: what
 * failed and what to check.
 */
public final class DiscordStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the start failed, which decides the exit status. */
  public enum Kind {
    /** Discord refused the token: the configuration has to change. */
    TOKEN_REFUSED,
    /** Discord could not be reached, or would not let the bot in, within the start timeout. */
    UNREACHABLE
  }

  private final Kind kind;

  DiscordStartException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
