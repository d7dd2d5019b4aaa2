package dev.orrery.emulator;

/** A channel's permission overwrite for one role (type 0) or member (type 1). */
public record PermissionOverwrite(long targetId, int type, long allow, long deny) {
  public static final int ROLE = 0;
  public static final int MEMBER = 1;
}
