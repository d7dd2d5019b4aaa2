package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static dev.orrery.discord.PostingEndToEndTest.bytes;
import static dev.orrery.discord.PostingEndToEndTest.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.app.App;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.Webhook;
import dev.orrery.emulator.WebhookAuthor;
import dev.orrery.store.Subscription;
import dev.orrery.store.Subscription.Appearance;
import dev.orrery.testing.Await;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriptions with an appearance post through the channel's webhook under their own name and
 * avatar: in text channels, threads and forums, one webhook per channel, made again when deleted.
 */
class WebhookPostingEndToEndTest {
  static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  static final Instant PUBLISHED = Instant.parse("2026-05-04T10:00:00Z");

  @TempDir Path dir;
  BotHarness h;
  App app;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    for (String source : List.of("planet-python", "django-community")) {
      h.feeds.serve("/" + source + ".xml", bytes(feed(source, 0)));
    }
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** The feed of a source with {@code count} new items after its baseline, newest first. */
  static String feed(String source, int count) {
    StringBuilder items = new StringBuilder();
    for (int i = count; i >= 0; i--) {
      String title = i == 0 ? "baseline " + source : source + " post " + i;
      items.append(
          item(
              title,
              "https://example.org/" + source + "/" + i,
              RFC_1123.format(PUBLISHED.plusSeconds(60L * i))));
    }
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
        + "<link>https://example.org/</link>"
        + items
        + "</channel></rss>";
  }

  static void grantManageWebhooks(BotHarness h) {
    h.discord.assignRole(
        h.discord.botMember(h.guild),
        h.discord.createRole(h.guild, "webhooks", Permissions.MANAGE_WEBHOOKS));
  }

  /** Subscribes the channel to the source, then gives the subscription this appearance. */
  static Subscription subscribeAs(
      BotHarness h, App app, Channel channel, String source, Appearance appearance) {
    Channel typedIn = channel.type().isThread() ? channel.parent().orElseThrow() : h.news;
    h.subscribe(typedIn, source, CommandOption.channel("channel", channel));
    Subscription subscription =
        app.feedSide().subscriptions.forChannel(channel.id()).stream()
            .filter(s -> app.feedSide().feeds.find(s.feedId()).orElseThrow().url().contains(source))
            .findFirst()
            .orElseThrow();
    app.feedSide().subscriptions.setAppearance(subscription.id(), appearance);
    return subscription;
  }

  static List<String> titles(List<PostedMessage> messages) {
    return messages.stream().map(m -> m.embed().title()).toList();
  }

  @Test
  void aSubscriptionWithAnAppearancePostsThroughTheChannelsWebhookUnderItsNameAndAvatar() {
    grantManageWebhooks(h);
    app = h.startBot();
    subscribeAs(
        h,
        app,
        h.news,
        "planet-python",
        new Appearance("Python news", "https://cdn.example/py.png"));
    h.feeds.serve("/planet-python.xml", bytes(feed("planet-python", 2)));

    List<PostedMessage> posts = h.discord.webhooks().awaitMessages(h.news, 2, WAIT);
    h.awaitPolls(2, "planet-python");
    Webhook webhook = h.discord.webhooks().in(h.news).get(0);
    assertThat(h.discord.webhooks().in(h.news)).containsExactly(webhook);
    assertThat(webhook.name()).isEqualTo("Orrery");
    assertThat(webhook.creator()).isEqualTo(h.discord.bot());
    assertThat(h.discord.messages(h.news)).containsExactlyElementsOf(posts);
    assertThat(titles(posts)).containsExactly("planet-python post 1", "planet-python post 2");
    assertThat(posts)
        .allSatisfy(
            m -> {
              assertThat(m.webhook().webhookId()).isEqualTo(webhook.id());
              assertThat(m.webhook().username()).isEqualTo("Python news");
              assertThat(m.webhook().avatarUrl()).isEqualTo("https://cdn.example/py.png");
              assertThat(m.embed().footerText()).isEqualTo("Planet Python");
              assertThat(m.allowedMentions().parse()).isEmpty();
            });
    Await.until(WAIT, "both deliveries sent", () -> app.feedSide().deliveries.count("sent") == 2);
    assertThat(app.feedSide().webhooks.find(h.news.id()).orElseThrow().webhookId())
        .isEqualTo(webhook.id());
  }

  @Test
  void whatASubscriptionLeavesOutIsTheSourcesTitleOrTheSitesIcon() {
    grantManageWebhooks(h);
    app = h.startBot();
    subscribeAs(h, app, h.news, "planet-python", new Appearance("Custom name", null));
    subscribeAs(
        h, app, h.other, "django-community", new Appearance(null, "https://cdn.example/d.png"));
    h.feeds.serve("/planet-python.xml", bytes(feed("planet-python", 1)));
    h.feeds.serve("/django-community.xml", bytes(feed("django-community", 1)));

    WebhookAuthor named = h.discord.webhooks().awaitMessages(h.news, 1, WAIT).get(0).webhook();
    WebhookAuthor pictured = h.discord.webhooks().awaitMessages(h.other, 1, WAIT).get(0).webhook();
    assertThat(named.username()).isEqualTo("Custom name");
    assertThat(named.avatarUrl()).isEqualTo("https://example.org/favicon.ico");
    assertThat(pictured.username()).isEqualTo("Django community");
    assertThat(pictured.avatarUrl()).isEqualTo("https://cdn.example/d.png");
    // each channel has a webhook of its own
    assertThat(h.discord.webhooks().in(h.news)).hasSize(1);
    assertThat(h.discord.webhooks().in(h.other)).hasSize(1);
  }

  @Test
  void twoSubscriptionsOfAChannelShareItsWebhookAndAPlainOneStillPostsAsTheBot() {
    grantManageWebhooks(h);
    app = h.startBot();
    subscribeAs(h, app, h.news, "planet-python", new Appearance("Python", null));
    subscribeAs(h, app, h.news, "django-community", new Appearance("Django", null));
    h.subscribe(h.news, "planet-twisted");
    h.feeds.serve("/planet-python.xml", bytes(feed("planet-python", 2)));
    h.feeds.serve("/django-community.xml", bytes(feed("django-community", 2)));

    List<PostedMessage> posts = h.discord.webhooks().awaitMessages(h.news, 4, WAIT);
    h.awaitPolls(2, "planet-python", "django-community");
    assertThat(h.discord.webhooks().in(h.news)).hasSize(1);
    assertThat(posts)
        .extracting(m -> m.webhook().webhookId())
        .containsOnly(h.discord.webhooks().in(h.news).get(0).id());
    assertThat(posts)
        .filteredOn(m -> m.embed().title().startsWith("planet-python"))
        .extracting(m -> m.webhook().username())
        .containsExactly("Python", "Python");
    assertThat(posts)
        .filteredOn(m -> m.embed().title().startsWith("django-community"))
        .extracting(m -> m.webhook().username())
        .containsExactly("Django", "Django");
    assertThat(h.discord.messages(h.news)).hasSize(4);
  }

  @Test
  void aThreadPostsThroughItsParentsWebhookAndAForumStartsAPostPerEntry() {
    Channel thread = h.discord.createThread(h.news, "python-news");
    Channel forum = h.discord.createForumChannel(h.guild, "feeds");
    grantManageWebhooks(h);
    app = h.startBot();
    subscribeAs(h, app, thread, "planet-python", new Appearance("Python", null));
    subscribeAs(h, app, forum, "django-community", new Appearance("Django", null));
    h.feeds.serve("/planet-python.xml", bytes(feed("planet-python", 2)));
    h.feeds.serve("/django-community.xml", bytes(feed("django-community", 2)));

    List<PostedMessage> inThread = h.discord.awaitMessages(thread, 2, WAIT);
    List<PostedMessage> posts = h.discord.awaitMessages(forum, 2, WAIT);
    h.awaitPolls(2, "planet-python", "django-community");
    assertThat(h.discord.messages(thread)).hasSize(2);
    assertThat(h.discord.messages(forum)).hasSize(2);
    assertThat(h.discord.messages(h.news)).isEmpty();
    Webhook parents = h.discord.webhooks().in(h.news).get(0);
    assertThat(inThread)
        .allSatisfy(
            m -> {
              assertThat(m.channelId()).isEqualTo(thread.id());
              assertThat(m.webhook().webhookId()).isEqualTo(parents.id());
              assertThat(m.webhook().username()).isEqualTo("Python");
            });
    Webhook forums = h.discord.webhooks().in(forum).get(0);
    assertThat(posts)
        .allSatisfy(
            m -> {
              // a forum post's starter message has the thread's id
              assertThat(m.id()).isEqualTo(m.channelId());
              assertThat(m.webhook().webhookId()).isEqualTo(forums.id());
              assertThat(m.webhook().username()).isEqualTo("Django");
            });
    assertThat(titles(posts)).containsExactly("django-community post 1", "django-community post 2");
    assertThat(h.discord.requests("POST webhooks/*/*"))
        .filteredOn(r -> r.body().contains("thread_name"))
        .hasSize(2);
  }

  @Test
  void aWebhookSomeoneDeletedIsMadeAgainAndTheEntryPostedOnce() {
    grantManageWebhooks(h);
    app = h.startBot();
    subscribeAs(h, app, h.news, "planet-python", new Appearance("Python", null));
    h.feeds.serve("/planet-python.xml", bytes(feed("planet-python", 1)));
    h.discord.webhooks().awaitMessages(h.news, 1, WAIT);
    Webhook first = h.discord.webhooks().in(h.news).get(0);

    h.discord.webhooks().delete(first);
    h.feeds.serve("/planet-python.xml", bytes(feed("planet-python", 3)));
    List<PostedMessage> posts = h.discord.webhooks().awaitMessages(h.news, 3, WAIT);
    h.awaitPolls(2, "planet-python");
    Webhook second = h.discord.webhooks().in(h.news).get(0);
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(h.discord.webhooks().in(h.news)).containsExactly(second);
    assertThat(titles(h.discord.messages(h.news)))
        .containsExactly("planet-python post 1", "planet-python post 2", "planet-python post 3");
    assertThat(posts.subList(1, 3))
        .allSatisfy(m -> assertThat(m.webhook().webhookId()).isEqualTo(second.id()));
    assertThat(h.discord.requests("POST webhooks/*/*"))
        .filteredOn(r -> r.status() == 404)
        .hasSize(1);
    assertThat(app.feedSide().webhooks.find(h.news.id()).orElseThrow().webhookId())
        .isEqualTo(second.id());
  }

  @Test
  void withoutManageWebhooksTheSubscriptionPausesSayingWhatToDoAndPlainOnesCarryOn() {
    app = h.startBot();
    Subscription styled =
        subscribeAs(h, app, h.news, "planet-python", new Appearance("Python", null));
    h.subscribe(h.news, "django-community");
    h.feeds.serve("/planet-python.xml", bytes(feed("planet-python", 1)));
    h.feeds.serve("/django-community.xml", bytes(feed("django-community", 1)));

    Await.until(
        WAIT,
        "the webhook subscription paused",
        () -> app.feedSide().subscriptions.find(styled.id()).orElseThrow().pausedReason() != null);
    assertThat(app.feedSide().subscriptions.find(styled.id()).orElseThrow().pausedReason())
        .isEqualTo(
            "the bot may not manage webhooks in #news: grant Manage Webhooks, then /subscribe"
                + " again");
    PostedMessage plain = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    h.awaitPolls(2, "planet-python", "django-community");
    assertThat(plain.webhook()).isNull();
    assertThat(plain.embed().title()).isEqualTo("django-community post 1");
    assertThat(h.discord.messages(h.news)).hasSize(1);
    assertThat(h.discord.webhooks().in(h.news)).isEmpty();
    assertThat(h.discord.requests("POST channels/*/webhooks")).isEmpty();
    assertThat(app.feedSide().deliveries.count("pending")).isEqualTo(1);
    // the reason already says what to do: /subscriptions does not say it twice
    assertThat(h.command(h.reader, h.news, "subscriptions").content())
        .contains(
            "⏸ not posting: the bot may not manage webhooks in #news: grant Manage Webhooks, then"
                + " /subscribe again")
        .doesNotContain("(fix it, then /subscribe again)");
  }
}
