package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static dev.orrery.discord.TemplatesEndToEndTest.FIRST;
import static dev.orrery.discord.TemplatesEndToEndTest.newItem;
import static dev.orrery.discord.TemplatesEndToEndTest.rss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.app.App;
import dev.orrery.emulator.AutocompleteChoice;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.Interaction;
import dev.orrery.emulator.Member;
import dev.orrery.emulator.Pings;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.RegisteredCommand;
import dev.orrery.emulator.Role;
import dev.orrery.store.Database;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.Resources;
import dev.orrery.testing.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /customize template}, {@code digest}, who may use {@code /customize} and what it offers
 * while typing; each answer checked, and the store after it.
 */
class CustomizeEndToEndTest {
  static final String FEED = "/planet-python.xml";

  @TempDir Path dir;
  BotHarness h;
  String news;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    h.feeds.serve(FEED, rss(FIRST));
    news = "<#" + h.news.id() + ">";
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** Types {@code /customize <subcommand> source:planet-python ...} as that member. */
  static Interaction customize(
      BotHarness h, Member member, Channel channel, String subcommand, CommandOption... options) {
    CommandOption[] all = new CommandOption[options.length + 1];
    all[0] = CommandOption.string("source", "planet-python");
    System.arraycopy(options, 0, all, 1, options.length);
    return h.discord.interact(
        member, channel, "customize", CommandOption.subcommand(subcommand, all));
  }

  PostedMessage customize(String subcommand, CommandOption... options) {
    return customize(h, h.admin, h.news, subcommand, options).awaitReply(WAIT);
  }

  static Subscription stored(BotHarness h, Channel channel) {
    try (Database db = h.database()) {
      return new SubscriptionStore(db).forChannel(channel.id()).get(0);
    }
  }

  @Test
  void aTemplateIsAnsweredWithTheLatestEntryAsItWouldBePostedPingingNobody() {
    Role watchers = h.discord.createRole(h.guild, "Watchers", 0);
    h.startBot();
    h.subscribe(h.news, "planet-python", CommandOption.role("mention", watchers));

    Interaction set =
        customize(
            h,
            h.admin,
            h.news,
            "template",
            CommandOption.string("text", "New: **{{title}}** {{link}}"),
            CommandOption.bool("embed", false));

    PostedMessage reply = set.awaitReply(WAIT);
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .isEqualTo(
            "Saved the template of Planet Python in "
                + news
                + ", posted without the embed. Its latest entry, as it would be posted:");
    PostedMessage preview = set.awaitFollowUps(1, WAIT).get(0);
    assertThat(preview.ephemeral()).isTrue();
    assertThat(preview.content())
        .isEqualTo("<@&" + watchers.id() + "> New: **first** https://example.org/first");
    assertThat(preview.embeds()).isEmpty();
    assertThat(preview.pings()).isEqualTo(Pings.NONE);
    assertThat(preview.allowedMentions().parse()).isEmpty();
    assertThat(preview.allowedMentions().roles()).isEmpty();
    Subscription saved = stored(h, h.news);
    assertThat(saved.template()).isEqualTo("New: **{{title}}** {{link}}");
    assertThat(saved.embed()).isFalse();

    h.feeds.serve(FEED, rss(newItem("Templates *arrive*", "x") + FIRST));
    PostedMessage post = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    assertThat(post.content())
        .isEqualTo(
            "<@&"
                + watchers.id()
                + "> New: **Templates \\*arrive\\*** https://example.org/templates");
    assertThat(post.embeds()).isEmpty();
  }

  @Test
  void aTemplateWithAnUnknownPlaceholderIsRefusedWithTheReasonAndNothingIsSaved() {
    h.startBot();
    h.subscribe(h.news, "planet-python");
    customize("template", CommandOption.string("text", "{{title}}"));

    PostedMessage refused =
        customize(
            "template",
            CommandOption.string("text", "New post\n{{titel}}"),
            CommandOption.bool("embed", false));

    assertThat(refused.ephemeral()).isTrue();
    assertThat(refused.content())
        .isEqualTo(
            "⚠️ Unknown placeholder {{titel}} at line 2: did you mean {{title}}? Known: title,"
                + " link, author, summary, feed, published, categories, image. Nothing was saved:"
                + " fix the template and try again.");
    Subscription unchanged = stored(h, h.news);
    assertThat(unchanged.template()).isEqualTo("{{title}}");
    assertThat(unchanged.embed()).isTrue();
  }

  @Test
  void aTemplateWithoutTextRestoresTheDefaultPost() {
    h.startBot();
    h.subscribe(h.news, "planet-python");
    customize(
        "template", CommandOption.string("text", "{{title}}"), CommandOption.bool("embed", false));

    Interaction cleared = customize(h, h.admin, h.news, "template");

    assertThat(cleared.awaitReply(WAIT).content())
        .isEqualTo(
            "Planet Python in "
                + news
                + " is back to the default post. Its latest entry, as it would be posted:");
    PostedMessage preview = cleared.awaitFollowUps(1, WAIT).get(0);
    assertThat(preview.content()).isEmpty();
    assertThat(preview.embed().title()).isEqualTo("first");
    assertThat(preview.embed().footerText()).isEqualTo("Planet Python");
    Subscription saved = stored(h, h.news);
    assertThat(saved.template()).isNull();
    assertThat(saved.embed()).isTrue();
  }

  @Test
  void aMemberWithoutManageChannelsIsRefusedAndNothingIsSaved() {
    h.startBot();
    h.subscribe(h.news, "planet-python");

    PostedMessage refused =
        customize(h, h.reader, h.news, "template", CommandOption.string("text", "{{title}}"))
            .awaitReply(WAIT);

    assertThat(refused.ephemeral()).isTrue();
    assertThat(refused.content())
        .isEqualTo(
            "⚠️ You need the Manage Channels permission in "
                + news
                + " to change its subscriptions.");
    assertThat(stored(h, h.news).template()).isNull();
    RegisteredCommand command =
        h.discord.globalCommands().stream()
            .filter(c -> c.name().equals("customize"))
            .findFirst()
            .orElseThrow();
    assertThat(command.defaultMemberPermissions()).isEqualTo(Long.toString(1L << 4));
  }

  @Test
  void aSourceTheChannelIsNotSubscribedToIsRefusedWithWhatToDo() {
    h.startBot();
    h.subscribe(h.news, "planet-python");

    PostedMessage refused =
        h.command(
            h.admin,
            h.news,
            "customize",
            CommandOption.subcommand(
                "template",
                CommandOption.string("source", "planet-plone"),
                CommandOption.string("text", "{{title}}")));

    assertThat(refused.content())
        .isEqualTo(
            "⚠️ "
                + news
                + " is not subscribed to planet-plone. Pick one of the sources "
                + news
                + " is subscribed to (see /subscriptions), or subscribe it first with /subscribe.");
  }

  @Test
  void theChannelOptionChangesAnotherChannelsSubscription() {
    h.startBot();
    h.subscribe(h.news, "planet-python");

    PostedMessage reply =
        customize(
                h,
                h.admin,
                h.other,
                "template",
                CommandOption.string("text", "{{title}}"),
                CommandOption.channel("channel", h.news))
            .awaitReply(WAIT);

    assertThat(reply.content()).startsWith("Saved the template of Planet Python in " + news);
    assertThat(stored(h, h.news).template()).isEqualTo("{{title}}");
  }

  @Test
  void sourceAutocompletesWithTheChannelsSubscriptionsAndTimezoneWithZoneNames() {
    h.serveSnapshot(Resources.SNAPSHOTS[0]);
    h.startBot();
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.news, "planet-plone");
    h.subscribe(h.other, "planet-twisted");

    Interaction sources =
        h.discord.autocomplete(
            h.admin,
            h.news,
            "customize",
            CommandOption.subcommand("template", CommandOption.focused("source", "")));
    Interaction elsewhere =
        h.discord.autocomplete(
            h.admin,
            h.news,
            "customize",
            CommandOption.subcommand(
                "digest",
                CommandOption.focused("source", ""),
                CommandOption.channel("channel", h.other)));
    Interaction zones =
        h.discord.autocomplete(
            h.admin,
            h.news,
            "customize",
            CommandOption.subcommand(
                "digest",
                CommandOption.string("source", "planet-python"),
                CommandOption.focused("timezone", "paris")));

    assertThat(sources.awaitChoices(WAIT))
        .extracting(AutocompleteChoice::value)
        .containsExactly("planet-python", "planet-plone");
    assertThat(elsewhere.awaitChoices(WAIT))
        .extracting(AutocompleteChoice::value)
        .containsExactly("planet-twisted");
    assertThat(zones.awaitChoices(WAIT))
        .extracting(AutocompleteChoice::value)
        .containsExactly("Europe/Paris");
  }

  /** Digests, on a clock standing on Thursday 6 December 2040, 07:00 UTC. */
  @Test
  void aDigestSaysWhenTheNextIsDueAndTurningItOffSendsWhatItHeld() {
    TestClock clock = new TestClock(Instant.parse("2040-12-06T07:00:00Z"));
    App app = h.startBot(clock);
    h.subscribe(h.news, "planet-python");

    PostedMessage weekly =
        customize(
            "digest",
            CommandOption.string("every", "weekly"),
            CommandOption.string("at", "18:30"),
            CommandOption.string("timezone", "europe/paris"));

    assertThat(weekly.ephemeral()).isTrue();
    assertThat(weekly.content())
        .isEqualTo(
            "Planet Python in "
                + news
                + " now comes as a weekly digest on Mondays at 18:30 Europe/Paris, instead of one"
                + " message per post. The next one is due Monday 10 December at 18:30"
                + " Europe/Paris.");
    assertThat(customize("digest", CommandOption.string("every", "daily")).content())
        .endsWith(
            " now comes as a daily digest at 09:00 UTC, instead of one message per post. The next"
                + " one is due Thursday 6 December at 09:00 UTC.");
    assertThat(stored(h, h.news).digest().zone().getId()).isEqualTo("UTC");

    h.feeds.serve(
        FEED,
        rss(
            TemplatesEndToEndTest.item(
                    "second", "https://example.org/2", "Tue, 05 May 2026 10:00:00 GMT", "", "x")
                + newItem("third", "x")
                + FIRST));
    Subscription subscription = stored(h, h.news);
    app.feedSide()
        .refresher
        .refresh(app.feedSide().feeds.find(subscription.feedId()).orElseThrow());
    PostedMessage off = customize("digest");

    assertThat(off.content())
        .isEqualTo(
            "Turned off the digest of Planet Python in "
                + news
                + ": each new post is sent on its own again. The 2 posts it held go out now in one"
                + " last digest.");
    PostedMessage last = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    assertThat(last.embed().title()).isEqualTo("Planet Python: 2 new posts");
    assertThat(stored(h, h.news).digest()).isNull();
    assertThat(customize("digest").content())
        .isEqualTo("⚠️ This subscription has no digest: each new post is sent on its own.");
  }

  @Test
  void aDigestWithABadTimeOrZoneIsRefusedWithEveryProblemAndNothingIsSaved() {
    h.startBot();
    h.subscribe(h.news, "planet-python");

    PostedMessage refused =
        customize(
            "digest",
            CommandOption.string("every", "daily"),
            CommandOption.string("at", "25:00"),
            CommandOption.string("timezone", "Europe/Pariss"));
    PostedMessage noEvery = customize("digest", CommandOption.string("at", "10:00"));

    assertThat(refused.content())
        .isEqualTo(
            "⚠️ '25:00' is not a time of day: type HH:MM on a 24-hour clock, such as 09:00 or"
                + " 18:30; unknown time zone 'Europe/Pariss': did you mean Europe/Paris? Nothing"
                + " was saved.");
    assertThat(noEvery.content())
        .isEqualTo(
            "⚠️ A time and a time zone shape a digest: add every:daily or every:weekly, or leave"
                + " all three out to turn the digest off. Nothing was changed.");
    assertThat(stored(h, h.news).digest()).isNull();
  }
}
