package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.Guild;
import dev.orrery.emulator.Member;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.store.Database;
import dev.orrery.store.Delivery;
import dev.orrery.store.DeliveryStore;
import dev.orrery.testing.Await;
import dev.orrery.testing.Resources;
import dev.orrery.testing.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node posts what waits for the guilds on every shard it holds, and leaves a delivery alone while
 * another node's claim holds it; on a clock the test moves, so the claim ends when the test says.
 */
class DeliveryClaimsEndToEndTest {
  static final String OTHER_NODE = "node-elsewhere";

  @TempDir Path dir;
  BotHarness h;

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aDeliveryAnotherNodeClaimedIsSentOnceWhenTheClaimEndsAndTheOtherShardPostsMeanwhile() {
    h = new BotHarness(dir, DiscordEmulator.start()).configure("discord.shards=2");
    int pythonShard = DiscordEmulator.shardOf(h.guild, 2);
    Guild rust = h.discord.createGuildOnShard("Rust", 1 - pythonShard, 2);
    Channel rustNews = h.discord.createTextChannel(rust, "news");
    Member rustAdmin =
        h.discord.addMember(
            rust, "ferris", h.discord.createRole(rust, "Moderators", Permissions.MANAGE_CHANNELS));
    h.serveSnapshot(Resources.SNAPSHOTS[0]);
    h.startBot();
    assertThat(h.subscribe(h.news, "planet-python").content()).startsWith("Subscribed <#");
    assertThat(
            h.command(
                    rustAdmin,
                    rustNews,
                    "subscribe",
                    CommandOption.string("source", "planet-python"))
                .content())
        .startsWith("Subscribed <#" + rustNews.id() + ">");
    h.stopBot();

    // new entries wait for both servers; another node has begun sending the Rust server's
    TestClock clock = new TestClock(Instant.now());
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    h.discoverWithoutPosting(clock);
    int waiting;
    try (Database db = h.database()) {
      DeliveryStore deliveries = new DeliveryStore(db);
      List<Delivery> rusts = deliveries.dueForChannel(rustNews.id(), clock.instant(), 100);
      assertThat(rusts).isNotEmpty();
      for (Delivery d : rusts) {
        assertThat(deliveries.claim(d.deliveryId(), OTHER_NODE, clock.instant())).isTrue();
      }
      waiting = rusts.size();
      assertThat(deliveries.dueForChannel(h.news.id(), clock.instant(), 100)).hasSize(waiting);
    }

    h.startBot(clock);

    Await.until(
        WAIT,
        "every new entry in the Python server, on the other shard",
        () -> pending(h.news) == 0 && !h.discord.messages(h.news).isEmpty());
    // the rounds that sent those read the Rust server's deliveries too, and left them
    assertThat(h.discord.messages(rustNews)).isEmpty();
    assertThat(pending(rustNews)).isEqualTo(waiting);

    clock.advance(Duration.ofSeconds(20));
    Await.until(
        WAIT, "the Rust server's entries once the claim ended", () -> pending(rustNews) == 0);
    assertThat(h.discord.messages(rustNews)).isNotEmpty();
    List<String> python = titles(h.discord.messages(h.news));
    assertThat(python).doesNotHaveDuplicates();
    assertThat(titles(h.discord.messages(rustNews))).isEqualTo(python);
    assertThat(sql("SELECT COUNT(*) FROM deliveries WHERE claimed_by IS NOT NULL"))
        .as("settling lets go of each claim")
        .isZero();
  }

  private long pending(Channel channel) {
    return sql(
        "SELECT COUNT(*) FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id"
            + " WHERE d.state = 'pending' AND s.channel_id = "
            + channel.id());
  }

  private long sql(String query) {
    try (Database db = h.database();
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> titles(List<PostedMessage> messages) {
    return messages.stream().map(m -> m.embed().title()).sorted().toList();
  }
}
