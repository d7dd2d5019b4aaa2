package dev.orrery.emulator;

/**
 * Whether a change to the emulated world is announced to the bot on the gateway, or made on the
 * server only.
 */
public enum Notify {
  /** Dispatch the event Discord would send, so JDA's cache follows. */
  BOT,
  /** Change the server only: JDA's cache goes stale, as after a missed event. */
  NOBODY
}
