package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.RegisteredCommand;
import dev.orrery.store.ConsoleLock;
import dev.orrery.store.Database;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.Await;
import dev.orrery.testing.Resources;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What survives a restart: waiting deliveries, the nonce of a post, commands, configured channels.
 */
class RestartEndToEndTest {
  @TempDir Path dir;
  BotHarness h;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    h.serveSnapshot(Resources.SNAPSHOTS[0]);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  long sql(String query, Object... params) {
    try (Database db = h.database();
        Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      if (!query.startsWith("SELECT")) {
        return ps.executeUpdate();
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theBotClearsWhatAKilledConsoleRunLeftButNotWhatALiveOneHolds() throws Exception {
    h.startBot();
    h.subscribe(h.news, "planet-python");
    h.stopBot();
    long feed = sql("SELECT feed_id FROM subscriptions WHERE channel_id = ?", h.news.id());
    // what orrery poll leaves when it is killed: its subscription, and what was queued for it
    String consoleSubscription =
        "INSERT INTO subscriptions (guild_id, channel_id, feed_id, created_at) VALUES (0, 0, ?, 0)";
    sql(consoleSubscription, feed);

    try (Database db = h.database();
        ConsoleLock live = db.lockConsole(() -> {})) {
      h.startBot();
      assertThat(sql("SELECT COUNT(*) FROM subscriptions WHERE channel_id = 0"))
          .as("a console run holds the database")
          .isEqualTo(1);
      h.stopBot();
    }
    h.startBot();
    assertThat(sql("SELECT COUNT(*) FROM subscriptions WHERE channel_id = 0")).isZero();
    assertThat(sql("SELECT COUNT(*) FROM subscriptions WHERE channel_id = ?", h.news.id()))
        .isEqualTo(1);
  }

  @Test
  void entriesDiscoveredByAProcessThatDiedArePostedOnceAfterTheRestart() {
    h.startBot();
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.other, "planet-twisted");
    h.stopBot();

    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    h.discoverWithoutPosting();
    assertThat(sql("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'")).isEqualTo(6);
    assertThat(h.discord.messages(h.news)).isEmpty();

    h.startBot();
    h.discord.awaitMessages(h.news, 3, WAIT);
    h.discord.awaitMessages(h.other, 3, WAIT);
    h.awaitPolls(2, "planet-python", "planet-twisted");
    assertThat(h.discord.messages(h.news)).hasSize(3);
    assertThat(h.discord.messages(h.other)).hasSize(3);
    assertThat(sql("SELECT COUNT(*) FROM deliveries WHERE state = 'sent'")).isEqualTo(6);
  }

  @Test
  void aPostRepeatedAfterACrashCarriesTheSameNonceAndDiscordKeepsTheFirst() {
    h.startBot();
    h.subscribe(h.news, "planet-python");
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    List<PostedMessage> posted = h.discord.awaitMessages(h.news, 3, WAIT);
    Await.until(
        WAIT,
        "the three deliveries to be marked sent",
        () -> sql("SELECT COUNT(*) FROM deliveries WHERE state = 'sent'") == 3);
    h.stopBot();

    // the state a crash leaves when Discord took the message but the process died before recording
    // it
    PostedMessage last = posted.get(2);
    long delivery = sql("SELECT id FROM deliveries WHERE message_id = ?", last.id());
    sql(
        "UPDATE deliveries SET state = 'pending', message_id = NULL, sent_at = NULL WHERE id = ?",
        delivery);

    h.startBot();
    Await.until(
        WAIT,
        "the repeated delivery to be marked sent again",
        () -> sql("SELECT COUNT(*) FROM deliveries WHERE state = 'sent'") == 3);
    assertThat(h.discord.messages(h.news)).hasSize(3);
    assertThat(h.discord.stats().nonceRepeats()).isEqualTo(1);
    assertThat(sql("SELECT message_id FROM deliveries WHERE id = ?", delivery))
        .isEqualTo(last.id());
  }

  @Test
  void aChannelTheBotCannotSeeAfterARestartIsPausedNotForgotten() {
    dev.orrery.emulator.Channel vanished = h.discord.createTextChannel(h.guild, "vanished");
    h.startBot();
    h.subscribe(vanished, "planet-python");
    h.stopBot();
    // gone while the bot was away (or an archived thread): the next login does not list it
    h.discord.deleteChannel(vanished, dev.orrery.emulator.Notify.NOBODY);
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    h.startBot();
    Await.until(
        WAIT,
        "the subscription to pause",
        () ->
            h.command(h.reader, h.news, "subscriptions")
                .content()
                .contains("⏸ not posting: the bot cannot see this channel"));
    assertThat(sql("SELECT COUNT(*) FROM subscriptions")).isEqualTo(1);
  }

  @Test
  void aForumPostMadeJustBeforeACrashIsFoundInsteadOfPostedAgain() {
    dev.orrery.emulator.Channel forum = h.discord.createForumChannel(h.guild, "feeds");
    h.startBot();
    h.subscribe(
        h.news, "planet-python", dev.orrery.emulator.CommandOption.channel("channel", forum));
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    List<PostedMessage> posted = h.discord.awaitMessages(forum, 3, WAIT);
    Await.until(
        WAIT,
        "the three forum posts to be marked sent",
        () -> sql("SELECT COUNT(*) FROM deliveries WHERE state = 'sent'") == 3);
    h.stopBot();

    // Discord made the post, the process died before recording it: forum posts carry no nonce
    PostedMessage last = posted.get(2);
    long delivery = sql("SELECT id FROM deliveries WHERE message_id = ?", last.id());
    sql(
        "UPDATE deliveries SET state = 'pending', message_id = NULL, sent_at = NULL WHERE id = ?",
        delivery);

    h.startBot();
    Await.until(
        WAIT,
        "the delivery to be marked sent again",
        () -> sql("SELECT COUNT(*) FROM deliveries WHERE state = 'sent'") == 3);
    assertThat(h.discord.messages(forum)).hasSize(3);
    assertThat(h.discord.requests("POST channels/*/threads")).hasSize(3);
    assertThat(sql("SELECT message_id FROM deliveries WHERE id = ?", delivery))
        .isEqualTo(last.id());
  }

  @Test
  void commandsAreRegisteredAgainOnlyWhenTheyChanged() {
    h.startBot();
    h.stopBot();
    h.startBot();
    assertThat(h.discord.awaitRequests("PUT applications/*/commands", 1, WAIT)).hasSize(1);
    assertThat(h.discord.requests("PUT applications/*/commands")).hasSize(1);
    assertThat(h.discord.requests("GET applications/*/commands")).hasSize(2);
  }

  @Test
  void guildIdsRegisterTheCommandsInThoseServersInstead() {
    h.configure("discord.guild-ids=" + h.guild.id());
    h.startBot();
    assertThat(h.discord.guildCommands(h.guild))
        .extracting(RegisteredCommand::name)
        .containsExactlyInAnyOrder(
            "subscribe",
            "unsubscribe",
            "customize",
            "subscriptions",
            "latest",
            "opml",
            "sources",
            "help");
    assertThat(h.discord.globalCommands()).isEmpty();
  }

  @Test
  void channelsConfiguredInTheFileAreSubscribedAtStartOnce() {
    h.configure(
        "subscriptions.1.channel=" + h.news.id(),
        "subscriptions.1.source=planet-python",
        "subscriptions.2.channel=" + h.other.id(),
        "subscriptions.2.source=" + h.feeds.url("/planet-plone.xml"));
    h.startBot();
    h.stopBot();
    h.startBot();
    try (Database db = h.database()) {
      SubscriptionStore subscriptions = new SubscriptionStore(db);
      assertThat(subscriptions.forChannel(h.news.id())).hasSize(1);
      assertThat(subscriptions.forChannel(h.other.id())).hasSize(1);
    }
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    assertThat(h.discord.awaitMessages(h.news, 3, WAIT))
        .allSatisfy(m -> assertThat(m.embed().footerText()).isEqualTo("Planet Python"));
    h.discord.awaitMessages(h.other, 3, WAIT);
  }

  @Test
  void aFeedFailingForDaysIsPausedAndEachChannelToldOnce() {
    h.startBot();
    h.subscribe(h.news, "planet-plone");
    h.subscribe(h.other, "planet-plone");
    // the feed's record says it has been failing for three days; the next failure gives up
    sql(
        "UPDATE feeds SET failing_since = ?, error_count = 40 WHERE url LIKE '%planet-plone%'",
        Instant.now().minusSeconds(3 * 86_400 + 60).toEpochMilli());
    h.feeds.respond("/planet-plone.xml", 500, "boom", Map.of());
    List<PostedMessage> news = h.discord.awaitMessages(h.news, 1, WAIT);
    List<PostedMessage> other = h.discord.awaitMessages(h.other, 1, WAIT);
    assertThat(news.get(0).content())
        .startsWith("⏸ Stopped checking **Planet Plone**: HTTP 500 Internal Server Error.");
    assertThat(other.get(0).content()).isEqualTo(news.get(0).content());
    long polls = h.feeds.requestCount("/planet-plone.xml");
    try {
      Thread.sleep(2500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(h.feeds.requestCount("/planet-plone.xml")).isEqualTo(polls);
    assertThat(h.discord.messages(h.news)).hasSize(1);
    assertThat(h.command(h.reader, h.news, "subscriptions").content())
        .contains("⏸ paused: failing since");
  }
}
