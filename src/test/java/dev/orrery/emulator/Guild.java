package dev.orrery.emulator;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A guild: its @everyone role and other roles, members (the bot among them) and channels. */
public final class Guild {
  private final long id;
  private final String name;
  private final long ownerId;
  private final Role everyone;
  private final List<Role> roles = new CopyOnWriteArrayList<>();
  private final List<Member> members = new CopyOnWriteArrayList<>();
  private final List<Channel> channels = new CopyOnWriteArrayList<>();

  Guild(long id, String name, long ownerId, long everyonePermissions) {
    this.id = id;
    this.name = name;
    this.ownerId = ownerId;
    this.everyone = new Role(id, id, "@everyone", 0, everyonePermissions);
    roles.add(everyone);
  }

  public long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public long ownerId() {
    return ownerId;
  }

  public Role everyone() {
    return everyone;
  }

  public List<Role> roles() {
    return List.copyOf(roles);
  }

  public List<Member> members() {
    return List.copyOf(members);
  }

  /** Every channel, threads included, in creation order. */
  public List<Channel> channels() {
    return List.copyOf(channels);
  }

  public Optional<Member> member(long userId) {
    return members.stream().filter(m -> m.id() == userId).findFirst();
  }

  public Optional<Role> role(long roleId) {
    return roles.stream().filter(r -> r.id() == roleId).findFirst();
  }

  public Optional<Channel> channel(long channelId) {
    return channels.stream().filter(c -> c.id() == channelId).findFirst();
  }

  /** The first channel of that name, for tests that set up a guild by names. */
  public Channel channel(String name) {
    return channels.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no channel #" + name + " in " + this.name));
  }

  void addRole(Role role) {
    roles.add(role);
  }

  void addMember(Member member) {
    members.add(member);
  }

  void addChannel(Channel channel) {
    channels.add(channel);
  }

  void removeChannel(Channel channel) {
    channels.remove(channel);
  }

  @Override
  public String toString() {
    return "Guild(" + name + ", " + id + ")";
  }
}
