package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionCalculatorTest {
  private final World world =
      new World(new Snowflakes(new ManualClock(Instant.parse("2026-05-01T12:00:00Z"))), "bot");
  private final Guild guild = world.createGuild("g", Permissions.DEFAULT_EVERYONE);
  private final Channel channel = world.createChannel(guild, ChannelType.TEXT, "news");
  private final Role mods = world.createRole(guild, "mods", Permissions.MANAGE_CHANNELS);
  private final Member member = world.addMember(guild, "alice", List.of(mods));

  private long permissions() {
    return PermissionCalculator.inChannel(member, channel);
  }

  @Test
  void guild_permissions_combine_everyone_and_roles() {
    assertThat(
            Permissions.has(permissions(), Permissions.SEND_MESSAGES | Permissions.MANAGE_CHANNELS))
        .isTrue();
  }

  @Test
  void overwrites_apply_everyone_then_roles_then_the_member() {
    channel.putOverwrite(new PermissionOverwrite(guild.id(), 0, 0, Permissions.SEND_MESSAGES));
    assertThat(Permissions.has(permissions(), Permissions.SEND_MESSAGES)).isFalse();

    channel.putOverwrite(new PermissionOverwrite(mods.id(), 0, Permissions.SEND_MESSAGES, 0));
    assertThat(Permissions.has(permissions(), Permissions.SEND_MESSAGES)).isTrue();

    channel.putOverwrite(new PermissionOverwrite(member.id(), 1, 0, Permissions.SEND_MESSAGES));
    assertThat(Permissions.has(permissions(), Permissions.SEND_MESSAGES)).isFalse();
  }

  @Test
  void a_role_allow_beats_another_roles_deny() {
    Role muted = world.createRole(guild, "muted", Permissions.NONE);
    member.addRole(muted);
    channel.putOverwrite(new PermissionOverwrite(muted.id(), 0, 0, Permissions.EMBED_LINKS));
    channel.putOverwrite(new PermissionOverwrite(mods.id(), 0, Permissions.EMBED_LINKS, 0));

    assertThat(Permissions.has(permissions(), Permissions.EMBED_LINKS)).isTrue();
  }

  @Test
  void without_view_there_is_nothing_and_without_send_no_embeds() {
    channel.putOverwrite(new PermissionOverwrite(guild.id(), 0, 0, Permissions.SEND_MESSAGES));
    assertThat(Permissions.has(permissions(), Permissions.EMBED_LINKS)).isFalse();
    assertThat(Permissions.has(permissions(), Permissions.VIEW_CHANNEL)).isTrue();

    channel.putOverwrite(new PermissionOverwrite(guild.id(), 0, 0, Permissions.VIEW_CHANNEL));
    assertThat(permissions()).isZero();
  }

  @Test
  void administrators_and_the_owner_override_every_overwrite() {
    channel.putOverwrite(new PermissionOverwrite(guild.id(), 0, 0, Permissions.VIEW_CHANNEL));
    Member owner = guild.member(guild.ownerId()).orElseThrow();
    Role admins = world.createRole(guild, "admins", Permissions.ADMINISTRATOR);
    member.addRole(admins);

    assertThat(PermissionCalculator.inChannel(owner, channel)).isEqualTo(Permissions.ALL);
    assertThat(permissions()).isEqualTo(Permissions.ALL);
  }

  @Test
  void a_thread_follows_its_parents_overwrites() {
    Channel thread = world.createThread(channel, "t", guild.ownerId());
    channel.putOverwrite(
        new PermissionOverwrite(guild.id(), 0, 0, Permissions.SEND_MESSAGES_IN_THREADS));

    assertThat(
            Permissions.has(
                PermissionCalculator.inChannel(member, thread),
                Permissions.SEND_MESSAGES_IN_THREADS))
        .isFalse();
  }
}
