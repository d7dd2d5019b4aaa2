package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.NewsChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginTest {
  private final DiscordEmulator discord = DiscordEmulator.builder().token("secret-token").start();
  private JDA jda;

  @AfterEach
  void tearDown() throws InterruptedException {
    Bots.shutdown(jda);
    discord.close();
  }

  @Test
  void jda_logs_in_and_sees_the_guild_with_its_channels_and_permissions()
      throws InterruptedException {
    Guild guild = discord.createGuild("Planet Python");
    Channel general = discord.createTextChannel(guild, "general");
    Channel quiet = discord.createTextChannel(guild, "quiet");
    Channel hidden = discord.createTextChannel(guild, "hidden");
    Channel announcements = discord.createAnnouncementChannel(guild, "announcements");
    Channel forum = discord.createForumChannel(guild, "feeds");
    Channel thread = discord.createThread(general, "discussion");
    Role editors = discord.createRole(guild, "editors", Permissions.MANAGE_CHANNELS);
    discord.revoke(quiet, discord.botMember(guild), Permissions.SEND_MESSAGES);
    discord.revoke(hidden, guild.everyone(), Permissions.VIEW_CHANNEL);

    jda = Bots.login(discord);

    net.dv8tion.jda.api.entities.Guild seen = jda.getGuildById(guild.id());
    assertThat(seen).isNotNull();
    assertThat(seen.getName()).isEqualTo("Planet Python");
    assertThat(seen.getRoleById(editors.id())).isNotNull();
    assertThat(jda.getSelfUser().getIdLong()).isEqualTo(discord.bot().id());
    assertThat(jda.getSelfUser().getApplicationIdLong()).isEqualTo(discord.applicationId());
    assertThat(seen.getChannelById(TextChannel.class, general.id())).isNotNull();
    assertThat(seen.getChannelById(NewsChannel.class, announcements.id())).isNotNull();
    assertThat(seen.getChannelById(ForumChannel.class, forum.id())).isNotNull();
    ThreadChannel seenThread = seen.getThreadChannelById(thread.id());
    assertThat(seenThread).isNotNull();
    assertThat(seenThread.getParentChannel().getIdLong()).isEqualTo(general.id());

    net.dv8tion.jda.api.entities.Member self = seen.getSelfMember();
    TextChannel seenQuiet = seen.getTextChannelById(quiet.id());
    TextChannel seenGeneral = seen.getTextChannelById(general.id());
    TextChannel seenHidden = seen.getTextChannelById(hidden.id());
    assertThat(
            self.hasPermission(
                seenGeneral,
                Permission.VIEW_CHANNEL,
                Permission.MESSAGE_SEND,
                Permission.MESSAGE_EMBED_LINKS))
        .isTrue();
    assertThat(self.hasPermission(seenQuiet, Permission.VIEW_CHANNEL)).isTrue();
    assertThat(self.hasPermission(seenQuiet, Permission.MESSAGE_SEND)).isFalse();
    assertThat(self.hasPermission(seenHidden, Permission.VIEW_CHANNEL)).isFalse();

    // JDA and the emulator agree bit for bit where JDA has no implicit rules to differ on
    Member bot = discord.botMember(guild);
    for (Channel channel : List.of(general, hidden, announcements, forum)) {
      long jdaRaw = Permission.getRaw(self.getPermissions(seen.getGuildChannelById(channel.id())));
      assertThat(jdaRaw)
          .as("permissions in %s", channel)
          .isEqualTo(discord.permissions(bot, channel));
    }
  }

  @Test
  void a_wrong_token_is_refused_with_401() {
    JDABuilder builder = discord.configure(JDABuilder.createLight("wrong-token", List.of()));

    assertThatThrownBy(builder::build).isInstanceOf(InvalidTokenException.class);
    assertThat(discord.requests("GET users/@me"))
        .singleElement()
        .extracting(RecordedRequest::status)
        .isEqualTo(401);
    assertThat(discord.stats().invalidRequests()).isEqualTo(1);
  }

  @Test
  void commands_registered_through_jda_are_recorded_and_listed() throws InterruptedException {
    Guild guild = discord.createGuild("Planet");
    jda = Bots.login(discord);

    jda.updateCommands()
        .addCommands(
            Commands.slash("subscribe", "Subscribe a channel to a feed")
                .addOption(OptionType.STRING, "url", "Feed address", true)
                .setDefaultPermissions(
                    DefaultMemberPermissions.enabledFor(Permission.MANAGE_CHANNEL)),
            Commands.slash("latest", "Show the latest posts"))
        .complete();
    jda.getGuildById(guild.id())
        .updateCommands()
        .addCommands(Commands.slash("debug", "Guild only"))
        .complete();

    assertThat(discord.globalCommands())
        .extracting(RegisteredCommand::name)
        .containsExactly("subscribe", "latest");
    RegisteredCommand subscribe = discord.globalCommands().get(0);
    assertThat(subscribe.defaultMemberPermissions())
        .isEqualTo(Long.toString(Permissions.MANAGE_CHANNELS));
    assertThat(subscribe.raw().getArray("options").getObject(0).getString("name")).isEqualTo("url");
    assertThat(discord.guildCommands(guild))
        .extracting(RegisteredCommand::name)
        .containsExactly("debug");
    assertThat(jda.retrieveCommands().complete())
        .extracting(c -> c.getName())
        .containsExactly("subscribe", "latest");
    assertThat(jda.retrieveCommands().complete().get(0).getIdLong()).isEqualTo(subscribe.id());
  }
}
