package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.Member;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.Role;
import dev.orrery.testing.Resources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscribing, then the planet snapshots arriving: what people see in their channels. */
class PostingEndToEndTest {
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
  void subscribingPostsNothingThenEachNewEntryOnceOldestFirstInTheRightChannel() {
    h.startBot();
    PostedMessage reply = h.subscribe(h.news, "planet-python");
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .startsWith("Subscribed <#" + h.news.id() + "> to Planet Python. Latest post: ")
        .endsWith("New posts will appear here.");
    h.subscribe(h.news, "django-community");
    h.subscribe(h.other, "planet-twisted");
    h.subscribe(h.other, "planet-plone");
    h.awaitPolls(2);
    assertThat(h.discord.messages(h.news)).isEmpty();
    assertThat(h.discord.messages(h.other)).isEmpty();

    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    List<PostedMessage> news = h.discord.awaitMessages(h.news, 6, WAIT);
    List<PostedMessage> other = h.discord.awaitMessages(h.other, 6, WAIT);
    h.awaitPolls(2);
    assertThat(h.discord.messages(h.news)).hasSize(6);
    assertThat(h.discord.messages(h.other)).hasSize(6);
    assertThat(news)
        .extracting(m -> m.embed().footerText())
        .containsOnly("Planet Python", "Django community");
    assertThat(other)
        .extracting(m -> m.embed().footerText())
        .containsOnly("Planet Twisted", "Planet Plone");
    assertThat(titles(news)).doesNotHaveDuplicates();
    // oldest first within each feed; feeds polled apart post in the order they were discovered
    for (String source : List.of("Planet Python", "Django community")) {
      assertThat(
              timestamps(news.stream().filter(m -> m.embed().footerText().equals(source)).toList()))
          .isSorted();
    }
    for (String source : List.of("Planet Twisted", "Planet Plone")) {
      assertThat(
              timestamps(
                  other.stream().filter(m -> m.embed().footerText().equals(source)).toList()))
          .isSorted();
    }

    h.serveSnapshot(Resources.SNAPSHOTS[2]);
    dev.orrery.testing.Await.until(
        WAIT,
        "the 7 new entries of step 3",
        () -> h.discord.messages(h.news).size() + h.discord.messages(h.other).size() == 19);
    h.awaitPolls(2);
    List<PostedMessage> all = new java.util.ArrayList<>(h.discord.messages(h.news));
    all.addAll(h.discord.messages(h.other));
    assertThat(all).hasSize(19);
    assertThat(titles(all)).doesNotHaveDuplicates();
    assertThat(all)
        .allSatisfy(m -> assertThat(m.nonce()).isNotBlank().hasSizeLessThanOrEqualTo(25));
    assertThat(all).extracting(PostedMessage::nonce).doesNotHaveDuplicates();
  }

  @Test
  void anEmbedCarriesTheEntryAndNothingInItCanPing() {
    h.startBot();
    h.subscribe(h.news, "planet-python");
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    PostedMessage first = h.discord.awaitMessages(h.news, 3, WAIT).get(0);
    assertThat(first.content()).isEmpty();
    assertThat(first.embed().title()).isNotBlank();
    assertThat(first.embed().url()).startsWith("https://planetpython.org/");
    assertThat(first.embed().footerText()).isEqualTo("Planet Python");
    assertThat(first.embed().color()).isEqualTo(0x3776ab);
    assertThat(first.embed().timestamp()).isNotBlank();
    assertThat(first.embed().description()).isNotBlank().hasSizeLessThanOrEqualTo(350);
    assertThat(first.embed().authorName()).isNotBlank();
    assertThat(first.allowedMentions().present()).isTrue();
    assertThat(first.allowedMentions().parse()).isEmpty();
    assertThat(first.allowedMentions().roles()).isEmpty();
  }

  @Test
  void aChosenRoleIsTheOnlyThingMentioned() {
    Role watchers = h.discord.createRole(h.guild, "Watchers", 0);
    Role announcers =
        h.discord.createRole(
            h.guild, "Announcers", Permissions.MANAGE_CHANNELS | Permissions.MENTION_EVERYONE);
    Member announcer = h.discord.addMember(h.guild, "cleo", announcers);
    h.startBot();
    PostedMessage reply =
        h.command(
            announcer,
            h.news,
            "subscribe",
            CommandOption.string("source", "planet-python"),
            CommandOption.role("mention", watchers));
    assertThat(reply.content()).contains("mentioning <@&" + watchers.id() + ">");
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    List<PostedMessage> posts = h.discord.awaitMessages(h.news, 3, WAIT);
    assertThat(posts)
        .allSatisfy(
            m -> {
              assertThat(m.content()).isEqualTo("<@&" + watchers.id() + ">");
              assertThat(m.allowedMentions().parse()).isEmpty();
              assertThat(m.allowedMentions().roles()).containsExactly(watchers.id());
            });
  }

  @Test
  void aRoleTheCallerCouldNotPingIsRefused() {
    Role watchers = h.discord.createRole(h.guild, "Watchers", 0);
    // Discord's default @everyone may mention everyone: this server took that away
    h.discord.setPermissions(
        h.guild.everyone(), Permissions.DEFAULT_EVERYONE & ~Permissions.MENTION_EVERYONE);
    h.startBot();
    PostedMessage reply =
        h.subscribe(h.news, "planet-python", CommandOption.role("mention", watchers));
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .isEqualTo(
            "⚠️ <@&"
                + watchers.id()
                + "> is not mentionable, and you may not mention it yourself: make it mentionable,"
                + " or ask someone with Mention Everyone to subscribe.");
    assertThat(h.command(h.reader, h.news, "subscriptions").content())
        .contains("no subscriptions yet");
  }

  @Test
  void anEntryWithALinkDiscordWouldRefuseIsPostedWithoutItAndTheChannelCarriesOn() {
    String longLink = "https://example.org/" + "a".repeat(1990);
    h.feeds.serve(
        "/planet-python.xml",
        bytes(rss(item("first", "https://example.org/first", "Mon, 04 May 2026 10:00:00 GMT"))));
    h.startBot();
    h.subscribe(h.news, "planet-python");
    h.feeds.serve(
        "/planet-python.xml",
        bytes(
            rss(
                item("after", "https://example.org/after", "Wed, 06 May 2026 10:00:00 GMT")
                    + item("long", longLink, "Tue, 05 May 2026 10:00:00 GMT")
                    + item(
                        "first", "https://example.org/first", "Mon, 04 May 2026 10:00:00 GMT"))));
    List<PostedMessage> posts = h.discord.awaitMessages(h.news, 2, WAIT);
    assertThat(posts.get(0).embed().title()).isEqualTo("long");
    assertThat(posts.get(0).embed().url()).isNull();
    assertThat(posts.get(1).embed().url()).isEqualTo("https://example.org/after");
  }

  static String item(String title, String link, String date) {
    return "<item><title>"
        + title
        + "</title><link>"
        + link
        + "</link><guid>"
        + title
        + "</guid><pubDate>"
        + date
        + "</pubDate><description>x</description></item>";
  }

  static String rss(String items) {
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
        + "<link>https://example.org/</link>"
        + items
        + "</channel></rss>";
  }

  static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void backfillPostsTheLatestExistingEntriesAtOnce() {
    h.startBot();
    PostedMessage reply =
        h.subscribe(h.news, "planet-python", CommandOption.integer("backfill", 2));
    assertThat(reply.content()).contains("Posting the latest 2 now.");
    List<PostedMessage> posts = h.discord.awaitMessages(h.news, 2, WAIT);
    h.awaitPolls(2);
    assertThat(h.discord.messages(h.news)).hasSize(2);
    assertThat(timestamps(posts)).isSorted();
  }

  @Test
  void aBurstIsCappedAndEndsWithOneLineSummingUpTheRest() {
    h.configure("deliver.max-per-poll=2");
    h.startBot();
    h.subscribe(h.news, "planet-python");
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    List<PostedMessage> posts = h.discord.awaitMessages(h.news, 3, WAIT);
    h.awaitPolls(2);
    assertThat(h.discord.messages(h.news)).hasSize(3);
    assertThat(posts.get(0).embeds()).hasSize(1);
    assertThat(posts.get(1).embeds()).hasSize(1);
    assertThat(posts.get(2).content()).startsWith("…and 1 more new post in [Planet Python](<");
    assertThat(posts.get(2).allowedMentions().parse()).isEmpty();
  }

  @Test
  void aServerErrorIsRetriedLaterAndThePostLandsOnce() {
    h.startBot();
    h.subscribe(h.news, "planet-python");
    // 500 is not one JDA retries by itself: the deliverer backs off and tries again
    h.discord.failNextRequests(1, 500, "POST channels/*/messages");
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    List<PostedMessage> posts = h.discord.awaitMessages(h.news, 3, WAIT);
    h.awaitPolls(2, "planet-python");
    assertThat(h.discord.messages(h.news)).hasSize(3);
    assertThat(titles(posts)).doesNotHaveDuplicates();
    assertThat(timestamps(posts)).isSorted();
    assertThat(h.discord.requests("POST channels/*/messages"))
        .filteredOn(r -> r.status() == 500)
        .hasSize(1);
  }

  @Test
  void manyChannelsAtOnceStayUnderTheGlobalLimit() {
    List<dev.orrery.emulator.Channel> channels = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      channels.add(h.discord.createTextChannel(h.guild, "news-" + i));
    }
    h.startBot();
    for (dev.orrery.emulator.Channel channel : channels) {
      h.subscribe(channel, "planet-python");
    }
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    for (dev.orrery.emulator.Channel channel : channels) {
      h.discord.awaitMessages(channel, 3, WAIT);
    }
    h.awaitPolls(2, "planet-python");
    assertThat(channels).allSatisfy(c -> assertThat(h.discord.messages(c)).hasSize(3));
    assertThat(h.discord.stats().globalRateLimited()).isZero();
    assertThat(h.discord.stats().userRateLimited()).isZero();
  }

  static List<String> titles(List<PostedMessage> messages) {
    return messages.stream().map(m -> m.embed().title()).toList();
  }

  static List<Instant> timestamps(List<PostedMessage> messages) {
    return messages.stream().map(m -> Instant.parse(m.embed().timestamp())).toList();
  }
}
