package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final DiscordEmulator discord = DiscordEmulator.start();
  private final CountDownLatch resumed = new CountDownLatch(1);
  private final CountDownLatch joined = new CountDownLatch(1);
  private Guild guild;
  private Channel news;
  private JDA jda;

  @BeforeEach
  void setUp() throws InterruptedException {
    guild = discord.createGuild("Planet");
    news = discord.createTextChannel(guild, "news");
    jda =
        Bots.login(
            discord,
            new ListenerAdapter() {
              @Override
              public void onSessionResume(SessionResumeEvent event) {
                resumed.countDown();
              }

              @Override
              public void onGuildJoin(GuildJoinEvent event) {
                joined.countDown();
              }

              @Override
              public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.reply("pong").queue();
              }
            });
    jda.updateCommands().addCommands(Commands.slash("ping", "pong")).complete();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    Bots.shutdown(jda);
    discord.close();
  }

  @Test
  void jda_resumes_after_a_dropped_connection_and_keeps_working() throws InterruptedException {
    discord.dropGateway();

    discord.awaitResumes(1, WAIT);
    assertThat(resumed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Interaction ping = discord.interact(discord.addMember(guild, "alice"), news, "ping");
    assertThat(ping.awaitReply(WAIT).content()).isEqualTo("pong");
    jda.getTextChannelById(news.id()).sendMessage("still here").complete();
    assertThat(discord.messages(news)).hasSize(1);
  }

  @Test
  void a_reconnectable_close_code_resumes_too() {
    discord.closeGateway(4000, "unknown error");

    discord.awaitResumes(1, WAIT);
    Awaits.until(() -> jda.getStatus() == JDA.Status.CONNECTED, WAIT, "JDA to be connected again");
  }

  @Test
  void a_fatal_close_code_shuts_jda_down() throws InterruptedException {
    discord.closeGateway(4004, "Authentication failed.");

    assertThat(jda.awaitShutdown(15, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void a_refusing_gateway_keeps_a_dropped_bot_out_until_it_accepts_again() {
    discord.refuseGatewayConnections();
    discord.dropGateway();

    discord.awaitRefusedGatewayConnections(2, WAIT);
    assertThat(jda.getStatus()).isNotEqualTo(JDA.Status.CONNECTED);
    discord.acceptGatewayConnections();
    discord.awaitResumes(1, WAIT);
    Awaits.until(() -> jda.getStatus() == JDA.Status.CONNECTED, WAIT, "JDA to be connected again");
  }

  @Test
  void a_bot_logging_in_while_the_gateway_refuses_gets_ready_once_it_accepts()
      throws InterruptedException {
    discord.refuseGatewayConnections();
    JDA late = discord.configure(JDABuilder.createLight(discord.token(), List.of())).build();
    try {
      discord.awaitRefusedGatewayConnections(1, WAIT);
      assertThat(late.getStatus()).isNotEqualTo(JDA.Status.CONNECTED);
      discord.acceptGatewayConnections();
      Awaits.until(
          () -> late.getStatus() == JDA.Status.CONNECTED, WAIT, "the late bot to be ready");
      assertThat(discord.requests("GET users/@me")).hasSize(2);
    } finally {
      Bots.shutdown(late);
    }
  }

  @Test
  void events_dispatched_while_disconnected_are_replayed_on_resume() {
    discord.dropGateway();
    Channel late = discord.createTextChannel(guild, "late");
    discord.setPermissions(
        guild.everyone(), Permissions.DEFAULT_EVERYONE & ~Permissions.EMBED_LINKS);

    discord.awaitResumes(1, WAIT);
    Awaits.until(() -> jda.getTextChannelById(late.id()) != null, WAIT, "JDA to learn of #late");
    Awaits.until(
        () ->
            !jda.getGuildById(guild.id())
                .getSelfMember()
                .hasPermission(Permission.MESSAGE_EMBED_LINKS),
        WAIT,
        "JDA to learn of the role update");
  }

  @Test
  void a_guild_added_later_reaches_jda() throws InterruptedException {
    Guild second = discord.createGuild("Planet Twisted");
    discord.createTextChannel(second, "twisted");

    assertThat(joined.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Awaits.until(
        () ->
            jda.getGuildById(second.id()) != null
                && jda.getGuildById(second.id()).getTextChannelsByName("twisted", false).size()
                    == 1,
        WAIT,
        "JDA to see the new guild and its channel");
    assertThat(jda.getGuilds()).hasSize(2);
  }

  @Test
  void role_and_overwrite_updates_reach_jdas_permission_cache() {
    Role everyone = guild.everyone();
    discord.setPermissions(everyone, Permissions.DEFAULT_EVERYONE & ~Permissions.SEND_MESSAGES);
    Awaits.until(
        () ->
            !jda.getGuildById(guild.id())
                .getSelfMember()
                .hasPermission(jda.getTextChannelById(news.id()), Permission.MESSAGE_SEND),
        WAIT,
        "the role update");

    discord.grant(news, discord.botMember(guild), Permissions.SEND_MESSAGES);
    Awaits.until(
        () ->
            jda.getGuildById(guild.id())
                .getSelfMember()
                .hasPermission(jda.getTextChannelById(news.id()), Permission.MESSAGE_SEND),
        WAIT,
        "the overwrite");

    assertThat(discord.permissions(discord.botMember(guild), news) & Permissions.SEND_MESSAGES)
        .isNotZero();
    assertThat(discord.stats().invalidRequests()).isZero();
  }
}
