package dev.orrery.emulator;

/** Something a channel permission overwrite can name: a role or a member. */
public interface OverwriteTarget {
  /** The role's or the member's user id. */
  long id();

  /** Discord's overwrite type: 0 for a role, 1 for a member. */
  int overwriteType();
}
