package dev.orrery.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A user's membership of one guild, with the roles it holds (the @everyone role is implicit). */
public final class Member implements OverwriteTarget {
  private final Guild guild;
  private final User user;
  private final List<Role> roles = new CopyOnWriteArrayList<>();

  Member(Guild guild, User user) {
    this.guild = guild;
    this.user = user;
  }

  @Override
  public long id() {
    return user.id();
  }

  @Override
  public int overwriteType() {
    return PermissionOverwrite.MEMBER;
  }

  public Guild guild() {
    return guild;
  }

  public User user() {
    return user;
  }

  public List<Role> roles() {
    return List.copyOf(roles);
  }

  void addRole(Role role) {
    roles.add(role);
  }

  void removeRole(Role role) {
    roles.remove(role);
  }

  public String asMention() {
    return "<@" + user.id() + ">";
  }

  @Override
  public String toString() {
    return "Member(" + user.username() + ", " + user.id() + ")";
  }
}
