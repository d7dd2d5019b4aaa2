package dev.orrery.emulator;

/** The guild channel types the emulator models, with Discord's numeric type ids. */
public enum ChannelType {
  TEXT(0),
  ANNOUNCEMENT(5),
  PUBLIC_THREAD(11),
  FORUM(15);

  private final int id;

  ChannelType(int id) {
    this.id = id;
  }

  /** Discord's numeric id for the type. */
  public int id() {
    return id;
  }

  public boolean isThread() {
    return this == PUBLIC_THREAD;
  }

  /** Whether {@code POST channels/{id}/messages} is allowed (a forum only takes new posts). */
  public boolean acceptsMessages() {
    return this != FORUM;
  }
}
