package dev.orrery.emulator;

/**
 * Discord's permission bits that matter to a bot posting messages, and the defaults of a new guild.
 */
public final class Permissions {
  public static final long NONE = 0L;
  public static final long ADMINISTRATOR = 1L << 3;
  public static final long MANAGE_CHANNELS = 1L << 4;
  public static final long VIEW_CHANNEL = 1L << 10;
  public static final long SEND_MESSAGES = 1L << 11;
  public static final long SEND_TTS_MESSAGES = 1L << 12;
  public static final long EMBED_LINKS = 1L << 14;
  public static final long ATTACH_FILES = 1L << 15;
  public static final long READ_MESSAGE_HISTORY = 1L << 16;
  public static final long MENTION_EVERYONE = 1L << 17;
  public static final long MANAGE_WEBHOOKS = 1L << 29;
  public static final long USE_APPLICATION_COMMANDS = 1L << 31;
  public static final long CREATE_PUBLIC_THREADS = 1L << 35;
  public static final long SEND_MESSAGES_IN_THREADS = 1L << 38;

  /** Every bit Discord defines today (up to bit 50); what an administrator or owner has. */
  public static final long ALL = (1L << 51) - 1;

  /** What @everyone may do in a freshly created guild (the subset relevant here). */
  public static final long DEFAULT_EVERYONE =
      VIEW_CHANNEL
          | SEND_MESSAGES
          | EMBED_LINKS
          | ATTACH_FILES
          | READ_MESSAGE_HISTORY
          | MENTION_EVERYONE
          | USE_APPLICATION_COMMANDS
          | CREATE_PUBLIC_THREADS
          | SEND_MESSAGES_IN_THREADS;

  /** Permissions lost implicitly when a member cannot send messages in a channel. */
  static final long NEEDS_SEND_MESSAGES =
      SEND_TTS_MESSAGES | ATTACH_FILES | EMBED_LINKS | MENTION_EVERYONE;

  private Permissions() {}

  /** Whether {@code granted} contains every bit of {@code required}. */
  public static boolean has(long granted, long required) {
    return (granted & required) == required;
  }
}
