package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.MessageSource;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.testing.Resources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Announcement channels, threads and forums receive posts too, each in its own way. */
class ChannelKindsEndToEndTest {
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

  @Test
  void aForumGetsOnePostPerEntryTitledByTheEntry() {
    Channel forum = h.discord.createForumChannel(h.guild, "feeds");
    h.startBot();
    PostedMessage reply =
        h.subscribe(h.news, "planet-python", CommandOption.channel("channel", forum));
    assertThat(reply.content()).startsWith("Subscribed <#" + forum.id() + "> to Planet Python.");
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    List<PostedMessage> posts = h.discord.awaitMessages(forum, 3, WAIT);
    assertThat(posts)
        .allSatisfy(
            p -> {
              assertThat(p.source()).isEqualTo(MessageSource.FORUM_POST);
              assertThat(p.embed().footerText()).isEqualTo("Planet Python");
            });
    List<String> threadNames =
        h.discord.awaitRequests("POST channels/*/threads", 3, WAIT).stream()
            .map(
                r -> net.dv8tion.jda.api.utils.data.DataObject.fromJson(r.body()).getString("name"))
            .toList();
    assertThat(threadNames)
        .hasSize(3)
        .allSatisfy(name -> assertThat(name).isNotBlank().hasSizeLessThanOrEqualTo(100));
    assertThat(posts)
        .extracting(p -> p.embed().title())
        .allSatisfy(
            title ->
                assertThat(threadNames)
                    .anySatisfy(name -> assertThat(title).startsWith(name.replace("…", ""))));
  }

  @Test
  void aThreadAndAnAnnouncementChannelGetMessages() {
    Channel announcements = h.discord.createAnnouncementChannel(h.guild, "announcements");
    Channel thread = h.discord.createThread(h.news, "python-news");
    h.startBot();
    h.subscribe(h.news, "planet-python", CommandOption.channel("channel", announcements));
    h.subscribe(h.news, "planet-twisted", CommandOption.channel("channel", thread));
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    assertThat(h.discord.awaitMessages(announcements, 3, WAIT))
        .allSatisfy(m -> assertThat(m.embed().footerText()).isEqualTo("Planet Python"));
    assertThat(h.discord.awaitMessages(thread, 3, WAIT))
        .allSatisfy(m -> assertThat(m.embed().footerText()).isEqualTo("Planet Twisted"));
  }
}
