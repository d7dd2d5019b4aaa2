package dev.orrery.emulator;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A guild channel: text, announcement, forum, or a public thread under one of them. */
public final class Channel {
  private final long id;
  private final Guild guild;
  private final ChannelType type;
  private final String name;
  private final int position;
  private final Channel parent;
  private final long ownerId;
  private final Instant createdAt;
  private final Map<Long, PermissionOverwrite> overwrites = new ConcurrentHashMap<>();

  Channel(
      long id,
      Guild guild,
      ChannelType type,
      String name,
      int position,
      Channel parent,
      long ownerId) {
    this.id = id;
    this.guild = guild;
    this.type = type;
    this.name = name;
    this.position = position;
    this.parent = parent;
    this.ownerId = ownerId;
    this.createdAt = Snowflakes.timeOf(id);
  }

  public long id() {
    return id;
  }

  public Guild guild() {
    return guild;
  }

  public ChannelType type() {
    return type;
  }

  public String name() {
    return name;
  }

  public int position() {
    return position;
  }

  /** The channel a thread lives in; empty for any other channel. */
  public Optional<Channel> parent() {
    return Optional.ofNullable(parent);
  }

  /** The user who started a thread (0 for other channels). */
  public long ownerId() {
    return ownerId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Threads take their permissions from their parent, so they carry no overwrites of their own. */
  public Collection<PermissionOverwrite> overwrites() {
    return List.copyOf(overwrites.values());
  }

  public Optional<PermissionOverwrite> overwriteFor(long targetId) {
    return Optional.ofNullable(overwrites.get(targetId));
  }

  void putOverwrite(PermissionOverwrite overwrite) {
    if ((overwrite.allow() | overwrite.deny()) == 0) {
      overwrites.remove(overwrite.targetId());
    } else {
      overwrites.put(overwrite.targetId(), overwrite);
    }
  }

  @Override
  public String toString() {
    return "#" + name + " (" + type + ", " + id + ")";
  }
}
