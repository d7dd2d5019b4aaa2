package dev.orrery.faults;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.discord.BotHarness;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.RateLimitScope;
import dev.orrery.testing.Await;
import dev.orrery.testing.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discord misbehaving while the bot posts: healthy channels lose nothing and get nothing twice. */
class DiscordFaultsEndToEndTest {
  @TempDir Path dir;
  BotHarness h;
  Channel third;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    third = h.discord.createTextChannel(h.guild, "third");
    h.serveSnapshot(Resources.SNAPSHOTS[0]);
    h.startBot();
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.news, "django-community");
    h.subscribe(h.other, "planet-twisted");
    h.subscribe(third, "planet-python");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** Waits for the expected posts, lets more polls pass, then checks each landed exactly once. */
  void assertEachPostedOnce(Channel channel, int expected) {
    h.discord.awaitMessages(channel, expected, WAIT);
    // planet-python and planet-twisted stay subscribed through every fault: their polls mark time
    h.awaitPolls(2, "planet-python", "planet-twisted");
    List<PostedMessage> posted = h.discord.messages(channel);
    assertThat(posted).hasSize(expected);
    assertThat(posted).extracting(m -> m.embed().url()).doesNotHaveDuplicates();
  }

  @Test
  void theGatewayDroppedEveryFewSecondsLosesNothing() throws InterruptedException {
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    for (int i = 0; i < 4; i++) {
      h.discord.dropGateway();
      Thread.sleep(1500);
    }
    h.discord.awaitResumes(1, WAIT);
    assertEachPostedOnce(h.news, 6);
    assertEachPostedOnce(h.other, 3);
    assertEachPostedOnce(third, 3);
    // still answering commands after the drops
    assertThat(h.command(h.reader, h.news, "subscriptions").content())
        .contains("**Subscriptions** (4)");
  }

  @Test
  void aBurstOfServerErrorsIsRetriedAndEachPostLandsOnce() {
    h.discord.failNextRequests(8, 502, "POST channels/*/messages");
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    assertEachPostedOnce(h.news, 6);
    assertEachPostedOnce(h.other, 3);
    assertEachPostedOnce(third, 3);
    assertThat(h.discord.requests("POST channels/*/messages"))
        .filteredOn(r -> r.status() == 502)
        .hasSize(8);
  }

  @Test
  void aStormOf429sIsWaitedOutAndNothingIsPostedTwice() {
    h.discord.rateLimitNextRequests(
        10, RateLimitScope.USER, Duration.ofMillis(400), "POST channels/*/messages");
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    assertEachPostedOnce(h.news, 6);
    assertEachPostedOnce(h.other, 3);
    assertEachPostedOnce(third, 3);
    assertThat(h.discord.stats().globalRateLimited()).isZero();
  }

  @Test
  void aChannelDeletedMidBurstGoesAndTheOthersGetEverything() {
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    h.discord.awaitMessages(h.news, 1, WAIT);
    h.discord.deleteChannel(h.news);
    assertEachPostedOnce(h.other, 3);
    assertEachPostedOnce(third, 3);
    Await.until(
        WAIT,
        "the deleted channel's subscriptions to go",
        () ->
            !h.command(h.reader, h.other, "subscriptions")
                .content()
                .contains("<#" + h.news.id() + ">"));
  }

  @Test
  void aPermissionRevokedMidBurstPausesThatChannelOnly() {
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    h.discord.awaitMessages(h.news, 1, WAIT);
    h.discord.revoke(h.news, h.discord.botMember(h.guild), Permissions.SEND_MESSAGES);
    assertEachPostedOnce(h.other, 3);
    assertEachPostedOnce(third, 3);
    Await.until(
        WAIT,
        "the subscriptions of #news to pause",
        () -> h.command(h.reader, h.other, "subscriptions").content().contains("⏸ not posting"));
    int before = h.discord.messages(h.news).size();
    h.awaitPolls(2, "planet-python");
    assertThat(h.discord.messages(h.news)).hasSize(before);
  }
}
