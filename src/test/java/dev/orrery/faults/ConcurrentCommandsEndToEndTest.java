package dev.orrery.faults;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.discord.BotHarness;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.Interaction;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.store.Database;
import dev.orrery.testing.Resources;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty /subscribe and /unsubscribe at once, across channels, while feeds are polled: every one is
 * answered within Discord's 3 s, no database-busy error reaches anyone, and no subscription exists
 * twice.
 */
class ConcurrentCommandsEndToEndTest {
  static final String[] SOURCES = {
    "planet-python", "planet-twisted", "planet-plone", "django-community"
  };

  @TempDir Path dir;
  BotHarness h;
  List<Channel> channels = new ArrayList<>();

  @BeforeEach
  void start() {
    // Discord's own deadline: an interaction not acknowledged within 3 s is gone
    h =
        new BotHarness(
            dir, DiscordEmulator.builder().interactionAckDeadline(Duration.ofSeconds(3)).start());
    for (int i = 0; i < 5; i++) {
      channels.add(h.discord.createTextChannel(h.guild, "c" + i));
    }
    h.serveSnapshot(Resources.SNAPSHOTS[0]);
    h.startBot();
    // some subscriptions exist already and are being polled
    h.subscribe(channels.get(0), "planet-python");
    h.subscribe(channels.get(1), "planet-twisted");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void fiftyCommandsAtOnceAreEachAnsweredAndLeaveNoDuplicate() {
    List<Interaction> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Channel channel = channels.get(i % channels.size());
      String source = SOURCES[(i / channels.size()) % SOURCES.length];
      // every pair is asked for twice or more, and some are dropped again while others are added
      String command = i % 4 == 3 ? "unsubscribe" : "subscribe";
      sent.add(
          h.discord.interact(h.admin, channel, command, CommandOption.string("source", source)));
    }
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    List<String> replies = new ArrayList<>();
    for (Interaction interaction : sent) {
      PostedMessage reply = interaction.awaitReply(WAIT);
      assertThat(interaction.callbackType()).hasValue(Interaction.CALLBACK_DEFERRED_MESSAGE);
      replies.add(reply.content());
    }
    assertThat(replies)
        .noneMatch(r -> r.contains("Something went wrong"))
        .noneMatch(r -> r.toLowerCase().contains("busy") || r.toLowerCase().contains("locked"))
        .allMatch(
            r ->
                r.startsWith("Subscribed ")
                    || r.contains("is already subscribed")
                    || r.startsWith("Unsubscribed ")
                    || r.contains("is not subscribed to"));
    Map<String, Long> perPair = pairs();
    assertThat(perPair.values()).allMatch(count -> count == 1);
    long subscribedReplies = replies.stream().filter(r -> r.startsWith("Subscribed ")).count();
    long unsubscribedReplies = replies.stream().filter(r -> r.startsWith("Unsubscribed ")).count();
    // two subscriptions existed before; each "Subscribed" added one, each "Unsubscribed" took one
    assertThat(perPair).hasSize((int) (2 + subscribedReplies - unsubscribedReplies));
  }

  /** Subscriptions by "channel/feed", counted. */
  Map<String, Long> pairs() {
    try (Database db = h.database();
        Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT channel_id, feed_id FROM subscriptions")) {
      List<String> keys = new ArrayList<>();
      while (rs.next()) {
        keys.add(rs.getLong(1) + "/" + rs.getLong(2));
      }
      return keys.stream().collect(Collectors.groupingBy(k -> k, Collectors.counting()));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
