package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.Notify;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.store.Database;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.Await;
import dev.orrery.testing.Resources;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may subscribe, where the bot may post, and what happens when that changes. */
class PermissionsEndToEndTest {
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

  int subscriptions(long channelId) {
    try (Database db = h.database()) {
      return new SubscriptionStore(db).forChannel(channelId).size();
    }
  }

  @Test
  void aMemberWithoutManageChannelsIsRefusedAndNothingChanges() {
    h.startBot();
    PostedMessage reply =
        h.command(h.reader, h.news, "subscribe", CommandOption.string("source", "planet-python"));
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .isEqualTo(
            "⚠️ You need the Manage Channels permission in <#"
                + h.news.id()
                + "> to change its subscriptions.");
    assertThat(subscriptions(h.news.id())).isZero();
    assertThat(h.feeds.requests()).isEmpty();
  }

  @Test
  void aChannelWhereTheBotCannotPostIsRefusedWithWhatIsMissing() {
    Channel quiet = h.discord.createTextChannel(h.guild, "quiet");
    h.discord.revoke(
        quiet, h.discord.botMember(h.guild), Permissions.SEND_MESSAGES | Permissions.EMBED_LINKS);
    h.startBot();
    PostedMessage reply =
        h.subscribe(h.news, "planet-python", CommandOption.channel("channel", quiet));
    assertThat(reply.content())
        .startsWith("⚠️ I can't post in <#" + quiet.id() + ">: I'm missing ")
        .contains("Send Messages", "Embed Links");
    assertThat(subscriptions(quiet.id())).isZero();
  }

  @Test
  void theChannelOptionSubscribesAnotherChannel() {
    h.startBot();
    PostedMessage reply =
        h.subscribe(h.news, "planet-python", CommandOption.channel("channel", h.other));
    assertThat(reply.content()).startsWith("Subscribed <#" + h.other.id() + "> to Planet Python.");
    assertThat(subscriptions(h.other.id())).isEqualTo(1);
    assertThat(subscriptions(h.news.id())).isZero();
  }

  @Test
  void aChannelDeletedWhileEntriesWaitLosesItsSubscriptionAndOthersStillGetTheirs() {
    Channel doomed = h.discord.createTextChannel(h.guild, "doomed");
    h.startBot();
    h.subscribe(doomed, "planet-python");
    h.subscribe(h.news, "planet-python");
    // the bot is not told: it learns from Discord's 10003 when it posts
    h.discord.deleteChannel(doomed, Notify.NOBODY);
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    h.discord.awaitMessages(h.news, 3, WAIT);
    Await.until(
        WAIT, "the deleted channel's subscription to go", () -> subscriptions(doomed.id()) == 0);
    assertThat(subscriptions(h.news.id())).isEqualTo(1);
  }

  @Test
  void aChannelDeletedInDiscordsSightLosesItsSubscriptionAtOnce() {
    Channel doomed = h.discord.createTextChannel(h.guild, "doomed");
    h.startBot();
    h.subscribe(doomed, "planet-python");
    h.discord.deleteChannel(doomed);
    Await.until(
        WAIT, "the deleted channel's subscription to go", () -> subscriptions(doomed.id()) == 0);
  }

  @Test
  void aRevokedPermissionPausesTheSubscriptionVisiblyAndOtherChannelsCarryOn() {
    h.startBot();
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.other, "planet-python");
    h.discord.revoke(h.other, h.discord.botMember(h.guild), Permissions.SEND_MESSAGES);
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    h.discord.awaitMessages(h.news, 3, WAIT);
    Await.until(
        WAIT,
        "the subscription in #other to pause",
        () ->
            h.command(h.reader, h.news, "subscriptions")
                .content()
                .contains("⏸ not posting: Missing permission: Send Messages"));
    assertThat(h.discord.messages(h.other)).isEmpty();
  }

  @Test
  void aPermissionRevokedOnlyOnDiscordsSideIsLearntFromTheErrorAndPauses() {
    h.startBot();
    h.subscribe(h.other, "planet-python");
    h.discord.revoke(
        h.other, h.discord.botMember(h.guild), Permissions.SEND_MESSAGES, Notify.NOBODY);
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    Await.until(
        WAIT,
        "the subscription to pause",
        () ->
            h.command(h.reader, h.news, "subscriptions")
                .content()
                .contains("⏸ not posting: Missing Permissions"));
    assertThat(h.discord.messages(h.other)).isEmpty();
  }

  @Test
  void subscribingAgainAfterThePermissionIsBackResumes() {
    h.startBot();
    h.subscribe(h.other, "planet-python");
    h.discord.revoke(
        h.other, h.discord.botMember(h.guild), Permissions.SEND_MESSAGES, Notify.NOBODY);
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    Await.until(
        WAIT,
        "the subscription to pause",
        () -> h.command(h.reader, h.news, "subscriptions").content().contains("⏸ not posting"));
    h.discord.grant(h.other, h.discord.botMember(h.guild), Permissions.SEND_MESSAGES);
    PostedMessage again = h.subscribe(h.other, "planet-python");
    assertThat(again.content()).contains("It was paused (Missing Permissions); I've resumed it.");
    h.discord.awaitMessages(h.other, 3, WAIT);
  }
}
