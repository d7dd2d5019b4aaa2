package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShardingTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final List<JDA> bots = new ArrayList<>();
  private ShardManager shards;
  private DiscordEmulator discord;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (shards != null) {
      shards.shutdown();
    }
    for (JDA jda : bots) {
      Bots.shutdown(jda);
    }
    discord.close();
  }

  @Test
  void guild_ids_can_be_chosen_for_a_shard() {
    discord = DiscordEmulator.start();
    long previous = 0;
    for (int shard = 0; shard < 3; shard++) {
      Guild guild = discord.createGuildOnShard("g" + shard, shard, 3);
      assertThat(DiscordEmulator.shardOf(guild, 3)).isEqualTo(shard);
      assertThat((guild.id() >>> 22) % 3).isEqualTo(shard);
      assertThat(guild.id()).isGreaterThan(previous);
      previous = guild.id();
    }
  }

  @Test
  void a_shard_manager_on_auto_gets_the_recommended_count_and_each_guild_on_its_shard()
      throws InterruptedException {
    discord = DiscordEmulator.builder().shards(2).sessionStartLimit(1000, 16).start();
    Guild even = discord.createGuildOnShard("even", 0, 2);
    Guild odd = discord.createGuildOnShard("odd", 1, 2);
    Channel oddNews = discord.createTextChannel(odd, "news");
    AtomicInteger answeredOnShard = new AtomicInteger(-1);

    shards =
        discord
            .configure(DefaultShardManagerBuilder.createLight(discord.token(), List.of()))
            .setShardsTotal(-1)
            .addEventListeners(
                new ListenerAdapter() {
                  @Override
                  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                    answeredOnShard.set(event.getJDA().getShardInfo().getShardId());
                    event.reply("pong").queue();
                  }
                })
            .build();
    // shards not started yet are queued, not listed: wait until none is left and all are in
    Awaits.until(
        () ->
            shards.getShardsQueued() == 0
                && shards.getShards().size() == 2
                && shards.getShards().stream().allMatch(s -> s.getStatus() == JDA.Status.CONNECTED),
        WAIT,
        "both shards connected");

    assertThat(discord.awaitShardIdentifies(2, WAIT))
        .extracting(GatewayIdentify::shardId, GatewayIdentify::shardTotal)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(0, 2), org.assertj.core.groups.Tuple.tuple(1, 2));
    assertThat(shards.getShardsTotal()).isEqualTo(2);
    assertThat(shards.getShardById(0).getGuildById(even.id())).isNotNull();
    assertThat(shards.getShardById(0).getGuildById(odd.id())).isNull();
    assertThat(shards.getShardById(1).getGuildById(odd.id())).isNotNull();
    assertThat(discord.sessionOf(odd).orElseThrow().shardId()).isEqualTo(1);
    assertThat(discord.remainingSessionStarts()).isEqualTo(998);

    // a channel created later reaches the shard of its guild only
    Channel later = discord.createTextChannel(even, "later");
    Awaits.until(
        () -> shards.getShardById(0).getTextChannelById(later.id()) != null,
        WAIT,
        "the channel on shard 0");
    assertThat(shards.getShardById(1).getTextChannelById(later.id())).isNull();

    shards.getShardById(0).updateCommands().addCommands(Commands.slash("ping", "pong")).complete();
    Interaction ping = discord.interact(discord.addMember(odd, "alice"), oddNews, "ping");
    assertThat(ping.awaitReply(WAIT).content()).isEqualTo("pong");
    assertThat(answeredOnShard.get()).isEqualTo(1);
  }

  @Test
  void a_shard_total_unlike_the_connected_sessions_closes_with_4010() throws InterruptedException {
    discord = DiscordEmulator.start();
    discord.createGuild("Planet");
    bots.add(shard(0, 2).build().awaitReady());

    int code = closeCodeOf(shard(0, 3));

    assertThat(code).isEqualTo(4010);
  }

  @Test
  void too_many_guilds_on_one_shard_closes_with_4011() throws InterruptedException {
    discord = DiscordEmulator.builder().maxGuildsPerShard(1).start();
    discord.createGuild("one");
    discord.createGuild("two");

    int code = closeCodeOf(discord.configure(JDABuilder.createLight(discord.token(), List.of())));

    assertThat(code).isEqualTo(4011);
  }

  @Test
  void an_identify_past_the_session_start_limit_is_refused() throws InterruptedException {
    discord = DiscordEmulator.builder().sessionStartLimit(1, 1).start();
    discord.createGuild("Planet");
    bots.add(Bots.login(discord));
    assertThat(discord.remainingSessionStarts()).isZero();

    int code = closeCodeOf(discord.configure(JDABuilder.createLight(discord.token(), List.of())));

    assertThat(code).isEqualTo(4004);
    assertThat(discord.identifies()).hasSize(1);
  }

  private JDABuilder shard(int id, int total) {
    return discord
        .configure(JDABuilder.createLight(discord.token(), List.of()))
        .useSharding(id, total);
  }

  /** Builds JDA and waits for the gateway to close it for good, returning the close code. */
  private int closeCodeOf(JDABuilder builder) throws InterruptedException {
    CountDownLatch shutdown = new CountDownLatch(1);
    AtomicInteger code = new AtomicInteger();
    JDA jda =
        builder
            .addEventListeners(
                new ListenerAdapter() {
                  @Override
                  public void onShutdown(ShutdownEvent event) {
                    code.set(event.getCode());
                    shutdown.countDown();
                  }
                })
            .build();
    bots.add(jda);
    assertThat(shutdown.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    return code.get();
  }
}
