package dev.orrery.emulator;

import java.util.List;

/**
 * Computes a member's effective permissions Discord's way: @everyone, then the member's roles,
 * owner and administrator override all, then the channel's overwrites (everyone, roles, member).
 */
final class PermissionCalculator {
  private PermissionCalculator() {}

  /** Guild-level permissions, before any channel overwrite. */
  static long base(Member member) {
    Guild guild = member.guild();
    if (guild.ownerId() == member.id()) {
      return Permissions.ALL;
    }
    long permissions = guild.everyone().permissions();
    for (Role role : member.roles()) {
      permissions |= role.permissions();
    }
    return Permissions.has(permissions, Permissions.ADMINISTRATOR) ? Permissions.ALL : permissions;
  }

  /** Permissions in a channel; a thread answers with its parent's overwrites. */
  static long inChannel(Member member, Channel channel) {
    Channel holder = channel.parent().orElse(channel);
    long permissions = base(member);
    if (permissions == Permissions.ALL) {
      return permissions;
    }
    permissions = apply(permissions, holder.overwriteFor(member.guild().id()).orElse(null));

    long roleAllow = 0;
    long roleDeny = 0;
    List<Role> roles = member.roles();
    for (Role role : roles) {
      PermissionOverwrite overwrite = holder.overwriteFor(role.id()).orElse(null);
      if (overwrite != null) {
        roleAllow |= overwrite.allow();
        roleDeny |= overwrite.deny();
      }
    }
    permissions = (permissions & ~roleDeny) | roleAllow;
    permissions = apply(permissions, holder.overwriteFor(member.id()).orElse(null));

    // Discord's implicit rules: no view means nothing at all; in a channel (not a thread, where
    // SEND_MESSAGES_IN_THREADS governs) no send means no send-dependent bits either
    if (!Permissions.has(permissions, Permissions.VIEW_CHANNEL)) {
      return Permissions.NONE;
    }
    if (!channel.type().isThread() && !Permissions.has(permissions, Permissions.SEND_MESSAGES)) {
      permissions &= ~Permissions.NEEDS_SEND_MESSAGES;
    }
    return permissions;
  }

  private static long apply(long permissions, PermissionOverwrite overwrite) {
    if (overwrite == null) {
      return permissions;
    }
    return (permissions & ~overwrite.deny()) | overwrite.allow();
  }
}
