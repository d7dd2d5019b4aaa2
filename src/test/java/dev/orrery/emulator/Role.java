package dev.orrery.emulator;

/**
 * A guild role; the @everyone role shares the guild's id. Permissions change only through the
 * emulator.
 */
public final class Role implements OverwriteTarget {
  private final long id;
  private final long guildId;
  private final String name;
  private final int position;
  private volatile long permissions;

  Role(long id, long guildId, String name, int position, long permissions) {
    this.id = id;
    this.guildId = guildId;
    this.name = name;
    this.position = position;
    this.permissions = permissions;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public int overwriteType() {
    return PermissionOverwrite.ROLE;
  }

  public long guildId() {
    return guildId;
  }

  public String name() {
    return name;
  }

  public int position() {
    return position;
  }

  public long permissions() {
    return permissions;
  }

  public boolean isEveryone() {
    return id == guildId;
  }

  /** The mention syntax of this role in message content. */
  public String asMention() {
    return isEveryone() ? "@everyone" : "<@&" + id + ">";
  }

  void setPermissions(long permissions) {
    this.permissions = permissions;
  }

  @Override
  public String toString() {
    return "Role(" + name + ", " + id + ")";
  }
}
