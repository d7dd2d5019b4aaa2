package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.app.App;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.GatewayIdentify;
import dev.orrery.emulator.Guild;
import dev.orrery.emulator.Member;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.testing.Resources;
import java.nio.file.Path;
import java.util.List;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bot process on several gateway shards: each server's events come on its own shard. */
class ShardingEndToEndTest {
  @TempDir Path dir;
  BotHarness h;

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void twoShardsEachAnswerTheirServerAndEveryNewEntryIsPostedOnce() {
    // Discord would recommend one shard: the configured count wins
    h = new BotHarness(dir, DiscordEmulator.start()).configure("discord.shards=2");
    int pythonShard = DiscordEmulator.shardOf(h.guild, 2);
    Guild rust = h.discord.createGuildOnShard("Rust", 1 - pythonShard, 2);
    Channel rustNews = h.discord.createTextChannel(rust, "news");
    Member rustAdmin =
        h.discord.addMember(
            rust, "ferris", h.discord.createRole(rust, "Moderators", Permissions.MANAGE_CHANNELS));
    h.serveSnapshot(Resources.SNAPSHOTS[0]);

    App app = h.startBot();

    assertThat(h.discord.identifies())
        .extracting(GatewayIdentify::shardId, GatewayIdentify::shardTotal)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(0, 2), org.assertj.core.groups.Tuple.tuple(1, 2));
    assertThat(h.discord.sessionOf(h.guild).orElseThrow().shardId()).isEqualTo(pythonShard);
    assertThat(h.discord.sessionOf(rust).orElseThrow().shardId()).isEqualTo(1 - pythonShard);
    ShardManager shards = app.bot().shards();
    assertThat(shards.getShardById(pythonShard).getGuildById(h.guild.id())).isNotNull();
    assertThat(shards.getShardById(1 - pythonShard).getGuildById(rust.id())).isNotNull();
    // the commands belong to the application: written once, not once per shard
    assertThat(h.discord.requests("PUT applications/*/commands")).hasSize(1);

    // each interaction goes only to its server's shard, which answers it
    assertThat(h.subscribe(h.news, "planet-python").content()).startsWith("Subscribed <#");
    assertThat(
            h.command(
                    rustAdmin,
                    rustNews,
                    "subscribe",
                    CommandOption.string("source", "planet-python"))
                .content())
        .startsWith("Subscribed <#" + rustNews.id() + ">");
    h.awaitPolls(2);
    assertThat(h.discord.messages(h.news)).isEmpty();
    assertThat(h.discord.messages(rustNews)).isEmpty();

    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    h.awaitPolls(1);
    dev.orrery.testing.Await.until(
        WAIT,
        "the same new entries in both servers",
        () ->
            !h.discord.messages(h.news).isEmpty()
                && titles(h.discord.messages(h.news)).equals(titles(h.discord.messages(rustNews))));
    h.awaitPolls(2);
    List<String> python = titles(h.discord.messages(h.news));
    assertThat(python).doesNotHaveDuplicates();
    assertThat(titles(h.discord.messages(rustNews))).isEqualTo(python);
  }

  @Test
  void autoOpensTheShardCountDiscordRecommends() {
    h =
        new BotHarness(
            dir, DiscordEmulator.builder().shards(3).sessionStartLimit(1000, 16).start());
    h.serveSnapshot(Resources.SNAPSHOTS[0]);

    App app = h.startBot();

    assertThat(app.bot().shards().getShardsTotal()).isEqualTo(3);
    assertThat(h.discord.identifies())
        .extracting(GatewayIdentify::shardId)
        .containsExactlyInAnyOrder(0, 1, 2);
    assertThat(h.discord.identifies()).extracting(GatewayIdentify::shardTotal).containsOnly(3);
    assertThat(h.discord.remainingSessionStarts()).isEqualTo(997);
    // the server answers on whichever shard holds it
    assertThat(h.subscribe(h.news, "planet-python").content()).startsWith("Subscribed <#");
  }

  private static List<String> titles(List<PostedMessage> messages) {
    return messages.stream().map(m -> m.embed().title()).sorted().toList();
  }
}
