package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.AutocompleteChoice;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.Interaction;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.RegisteredCommand;
import dev.orrery.store.Database;
import dev.orrery.store.DigestSchedule;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.Await;
import dev.orrery.testing.Resources;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slash commands as a member uses them. */
class CommandsEndToEndTest {
  @TempDir Path dir;
  BotHarness h;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    h.serveSnapshot(Resources.SNAPSHOTS[0]);
    h.startBot();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void theCommandsAreRegisteredWithManageChannelsForTheAdminOnes() {
    List<RegisteredCommand> commands = h.discord.globalCommands();
    assertThat(commands)
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
    String manageChannels = Long.toString(1L << 4);
    assertThat(commands)
        .filteredOn(
            c ->
                c.name().endsWith("subscribe")
                    || c.name().equals("customize")
                    || c.name().equals("opml"))
        .hasSize(4)
        .allSatisfy(c -> assertThat(c.defaultMemberPermissions()).isEqualTo(manageChannels));
    assertThat(commands)
        .filteredOn(c -> c.name().equals("latest"))
        .allSatisfy(c -> assertThat(c.defaultMemberPermissions()).isNull());
  }

  @Test
  void subscribingTwiceSaysSoAndChangesNothing() {
    h.subscribe(h.news, "planet-python");
    PostedMessage again = h.subscribe(h.news, "planet-python");
    assertThat(again.ephemeral()).isTrue();
    assertThat(again.content())
        .isEqualTo(
            "<#" + h.news.id() + "> is already subscribed to Planet Python. Nothing changed.");
    PostedMessage list = h.command(h.reader, h.news, "subscriptions");
    assertThat(list.content()).startsWith("**Subscriptions** (1)");
  }

  @Test
  void aUrlThatIsNotAFeedIsRefusedWithTheReasonAndNothingIsSaved() {
    h.feeds.respond(
        "/page",
        200,
        "<!DOCTYPE html><html><body>Hello</body></html>",
        Map.of("Content-Type", "text/html"));
    PostedMessage reply = h.subscribe(h.news, h.feeds.url("/page").toString());
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .startsWith(
            "⚠️ Could not subscribe to that source: this page links to no feed: paste the address"
                + " of its RSS or Atom feed.");
    PostedMessage missing = h.subscribe(h.news, h.feeds.url("/nothing-here").toString());
    assertThat(missing.content()).contains("HTTP 404 Not Found");
    PostedMessage garbage = h.subscribe(h.news, "ftp://example.org/feed");
    assertThat(garbage.content())
        .contains("ftp: URLs are not fetched: use an http or https feed URL");
    assertThat(h.command(h.reader, h.news, "subscriptions").content())
        .contains("no subscriptions yet");
    try (var db = h.database()) {
      assertThat(new dev.orrery.store.FeedStore(db).findByUrl(h.feeds.url("/page").toString()))
          .isEmpty();
      assertThat(
              new dev.orrery.store.FeedStore(db).findByUrl(h.feeds.url("/nothing-here").toString()))
          .isEmpty();
    }
  }

  @Test
  void aBlogsHomePageSubscribesToTheFeedItLinksToAndTheReplySaysWhich() {
    h.feeds.respond(
        "/blog/",
        200,
        "<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/rss+xml\""
            + " href=\"/blog/rss.xml\"></head><body>Hello</body></html>",
        Map.of("Content-Type", "text/html"));
    h.feeds.serveResource(
        "/blog/rss.xml", Resources.snapshot(Resources.SNAPSHOTS[0], "planet-twisted"));

    PostedMessage reply = h.subscribe(h.news, h.feeds.url("/blog/").toString());

    assertThat(reply.content())
        .startsWith(
            "That page is not a feed: using the feed it links to, "
                + h.feeds.url("/blog/rss.xml")
                + ".\nSubscribed <#"
                + h.news.id()
                + "> to ");
    PostedMessage latest =
        h.command(
            h.reader,
            h.news,
            "latest",
            CommandOption.string("source", h.feeds.url("/blog/").toString()),
            CommandOption.integer("count", 1));
    assertThat(latest.content())
        .isEqualTo(
            "That page is not a feed: using the feed it links to, "
                + h.feeds.url("/blog/rss.xml")
                + ".");
    assertThat(latest.embeds()).hasSize(1);
  }

  @Test
  void latestGivesThatManyEmbedsForAnyone() {
    PostedMessage reply =
        h.command(
            h.reader,
            h.news,
            "latest",
            CommandOption.string("source", "planet-twisted"),
            CommandOption.integer("count", 3));
    assertThat(reply.ephemeral()).isFalse();
    assertThat(reply.embeds()).hasSize(3);
    assertThat(reply.embeds())
        .allSatisfy(e -> assertThat(e.footerText()).isEqualTo("Planet Twisted"));
    assertThat(reply.allowedMentions().parse()).isEmpty();
  }

  @Test
  void latestWithoutASourceUsesTheChannelsSubscriptions() {
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.news, "planet-plone");
    PostedMessage reply = h.command(h.reader, h.news, "latest");
    assertThat(reply.embeds()).hasSize(5);
    assertThat(reply.embeds())
        .extracting(e -> e.footerText())
        .containsOnly("Planet Python", "Planet Plone");
    Interaction none = h.discord.interact(h.reader, h.other, "latest");
    PostedMessage error = none.awaitFollowUps(1, WAIT).get(0);
    assertThat(error.ephemeral()).isTrue();
    assertThat(error.content()).contains("This channel has no subscriptions with entries yet");
  }

  @Test
  void subscriptionsShowsEachFeedsHealth() {
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.other, "planet-plone");
    h.feeds.respond("/planet-plone.xml", 500, "boom", Map.of());
    Await.until(
        WAIT,
        "the plone feed to fail",
        () ->
            h.command(h.reader, h.news, "subscriptions")
                .content()
                .contains("HTTP 500 Internal Server Error"));
    PostedMessage list = h.command(h.reader, h.news, "subscriptions");
    assertThat(list.ephemeral()).isTrue();
    assertThat(list.content())
        .contains(
            "**Planet Python** → <#" + h.news.id() + ">",
            "✅ ok",
            "**Planet Plone** → <#" + h.other.id() + ">",
            "⚠️ failing since <t:",
            "HTTP 500 Internal Server Error");
    // two of the feed's three posts share a date: too few to see a rhythm, so poll.interval
    assertThat(list.content())
        .contains(
            "checked <t:",
            " · polled every 1 s: the default: too few posts to see a rhythm · ✅ ok");
    PostedMessage onlyNews =
        h.command(h.reader, h.news, "subscriptions", CommandOption.channel("channel", h.news));
    assertThat(onlyNews.content()).contains("Planet Python").doesNotContain("Planet Plone");
  }

  @Test
  void subscriptionsShowsHowEachSubscriptionIsShaped() {
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.other, "planet-plone");
    try (Database db = h.database()) {
      SubscriptionStore store = new SubscriptionStore(db);
      Subscription python = store.forChannel(h.news.id()).get(0);
      store.setFilter(python.id(), "title:django -`x`");
      store.setTemplate(python.id(), "**{{title}}**\n{{link}}", false);
      store.setAppearance(python.id(), new Subscription.Appearance("Django *news*", null));
      store.setDigest(
          python.id(),
          new DigestSchedule(
              DigestSchedule.Every.WEEKLY, LocalTime.of(9, 30), ZoneId.of("Europe/Paris"), null));
    }
    String list = h.command(h.reader, h.news, "subscriptions").content();
    assertThat(list)
        .contains(
            "  ↳ filter `title:django -ˋxˋ` · template `**{{title}}** …` without embed · posts as"
                + " **Django \\*news\\*** · weekly digest on Mondays at 09:30 Europe/Paris");
    // a subscription as /subscribe made it has no second line
    assertThat(list.lines().filter(l -> l.startsWith("  ↳"))).hasSize(1);
  }

  @Test
  void unsubscribeStopsThePosts() {
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.news, "planet-twisted");
    PostedMessage reply =
        h.command(h.admin, h.news, "unsubscribe", CommandOption.string("source", "planet-python"));
    assertThat(reply.content())
        .isEqualTo(
            "Unsubscribed <#"
                + h.news.id()
                + "> from Planet Python. No more posts from it will appear here.");
    long pythonPolls = h.feeds.requestCount("/planet-python.xml");
    h.serveSnapshot(Resources.SNAPSHOTS[1]);
    h.discord.awaitMessages(h.news, 3, WAIT);
    h.awaitPolls(2, "planet-twisted");
    assertThat(h.feeds.requestCount("/planet-python.xml")).isEqualTo(pythonPolls);
    assertThat(h.discord.messages(h.news))
        .hasSize(3)
        .allSatisfy(m -> assertThat(m.embed().footerText()).isEqualTo("Planet Twisted"));
    PostedMessage again =
        h.command(h.admin, h.news, "unsubscribe", CommandOption.string("source", "planet-python"));
    assertThat(again.content()).startsWith("⚠️ this channel is not subscribed to planet-python");
  }

  @Test
  void autocompleteOffersCatalogueSourcesAndTheChannelsSubscriptions() {
    Interaction typing =
        h.discord.autocomplete(
            h.admin, h.news, "subscribe", CommandOption.focused("source", "plan"));
    assertThat(typing.awaitChoices(WAIT))
        .extracting(AutocompleteChoice::value)
        .containsExactly("planet-plone", "planet-python", "planet-twisted");
    h.subscribe(h.news, "django-community");
    Interaction leaving =
        h.discord.autocomplete(h.admin, h.news, "unsubscribe", CommandOption.focused("source", ""));
    assertThat(leaving.awaitChoices(WAIT))
        .extracting(AutocompleteChoice::value)
        .containsExactly("django-community");
  }

  @Test
  void sourcesAndHelpAnswerInAFewLines() {
    PostedMessage sources = h.command(h.reader, h.news, "sources");
    assertThat(sources.content())
        .contains("`planet-python` — Planet Python", "`planet-plone` — Planet Plone");
    PostedMessage help = h.command(h.reader, h.news, "help");
    assertThat(help.content())
        .contains(
            "/subscribe",
            "/unsubscribe",
            "/customize",
            "/subscriptions",
            "/latest",
            "/opml import",
            "/sources");
  }

  @Test
  void longListsArePagedWithButtons() {
    for (int i = 0; i < 12; i++) {
      h.feeds.serveResource(
          "/extra-" + i + ".xml", "/fixtures/feeds/2025-07-06/planet-plone.rss.xml");
      h.subscribe(h.news, h.feeds.url("/extra-" + i + ".xml").toString());
    }
    PostedMessage first = h.command(h.reader, h.news, "subscriptions");
    assertThat(first.content()).startsWith("**Subscriptions** (12) — page 1 of 2");
    assertThat(first.components().toString()).contains("subs:1:0");
    Interaction click = h.discord.clickButton(h.reader, first, "subs:1:0");
    click.awaitCallback(WAIT);
    Await.until(
        WAIT,
        "the second page",
        () ->
            h.discord.messages().stream()
                .anyMatch(m -> m.id() == first.id() && m.content().contains("page 2 of 2")));
  }
}
