package dev.orrery.emulator;

import net.dv8tion.jda.api.utils.data.DataObject;

/** An application command as the bot registered it ({@code guildId} 0 for a global command). */
public record RegisteredCommand(long id, long guildId, String name, int type, DataObject raw) {
  public String description() {
    return raw.getString("description", "");
  }

  /** The raw {@code default_member_permissions}, or null when everyone may use the command. */
  public String defaultMemberPermissions() {
    return raw.getString("default_member_permissions", null);
  }
}
