package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static dev.orrery.discord.CustomizeEndToEndTest.customize;
import static dev.orrery.discord.CustomizeEndToEndTest.stored;
import static dev.orrery.discord.TemplatesEndToEndTest.item;
import static dev.orrery.discord.TemplatesEndToEndTest.rss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.store.Database;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.Entry;
import dev.orrery.store.EntryStore;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters set with {@code /subscribe filter:} and {@code /customize filter}, end to end. */
class CustomizeFilterEndToEndTest {
  static final String FEED = "/planet-python.xml";
  static final String ORM = post("Django ORM tips", "orm", 4);
  static final String FLASK = post("Flask 3 released", "flask", 3);
  static final String BETA = post("Django 6 beta", "beta", 5);

  @TempDir Path dir;
  BotHarness h;
  String news;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    h.feeds.serve(FEED, rss(FLASK + ORM));
    news = "<#" + h.news.id() + ">";
    h.startBot();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** An item published on that day of May 2026, linking to example.org/{@code slug}. */
  static String post(String title, String slug, int day) {
    return item(
        title,
        "https://example.org/" + slug,
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.of(2026, 5, day, 10, 0, 0, 0, ZoneOffset.UTC)),
        "",
        "About " + title);
  }

  /** What became of the entry of that title for the channel's subscription. */
  Optional<DeliveryStore.Fate> fate(String title) {
    try (Database db = h.database()) {
      Subscription subscription = new SubscriptionStore(db).forChannel(h.news.id()).get(0);
      Entry entry =
          new EntryStore(db, 5, dev.orrery.store.Admission.EVERYTHING, true)
              .latest(subscription.feedId(), 20).stream()
                  .filter(e -> e.title().equals(title))
                  .findFirst()
                  .orElseThrow();
      return new DeliveryStore(db).fate(subscription.id(), entry.id());
    }
  }

  @Test
  void subscribingWithAFilterPostsOnlyWhatItLetsThroughAndWhatItStoppedStaysUnposted() {
    PostedMessage subscribed =
        h.subscribe(h.news, "planet-python", CommandOption.string("filter", " django -beta "));
    assertThat(subscribed.content())
        .endsWith(
            " Only new entries matching `django -beta` will be posted. New posts will appear"
                + " here.");
    assertThat(stored(h, h.news).filter()).isEqualTo("django -beta");

    h.feeds.serve(FEED, rss(BETA + post("Django 6 released", "six", 6) + FLASK + ORM));
    PostedMessage posted = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    h.awaitPolls(2, "planet-python");

    assertThat(posted.embed().title()).isEqualTo("Django 6 released");
    assertThat(h.discord.messages(h.news)).hasSize(1);
    assertThat(fate("Django 6 beta"))
        .contains(new DeliveryStore.Fate("skipped", "stopped by the filter django -beta"));

    PostedMessage cleared = customize(h, h.admin, h.news, "filter").awaitReply(WAIT);
    assertThat(cleared.content())
        .isEqualTo(
            "Planet Python in "
                + news
                + " has no filter any more: every new entry is posted. The entries it stopped"
                + " stay unposted.");
    assertThat(stored(h, h.news).filter()).isNull();
    h.feeds.serve(
        FEED,
        rss(post("Pyramid 3", "pyramid", 7) + BETA + post("Django 6 released", "six", 6) + FLASK));
    h.discord.awaitMessages(h.news, 2, WAIT);
    h.awaitPolls(2, "planet-python");

    assertThat(h.discord.messages(h.news))
        .extracting(m -> m.embed().title())
        .containsExactly("Django 6 released", "Pyramid 3");
    assertThat(fate("Django 6 beta").orElseThrow().state()).isEqualTo("skipped");
  }

  @Test
  void aBackfillPostsOnlyTheLatestEntriesTheFilterLetsThrough() {
    h.feeds.serve(FEED, rss(BETA + FLASK + ORM));
    PostedMessage subscribed =
        h.subscribe(
            h.news,
            "planet-python",
            CommandOption.string("filter", "django -beta"),
            CommandOption.integer("backfill", 2));
    assertThat(subscribed.content()).contains("Posting the latest 1 now.");

    PostedMessage posted = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    assertThat(posted.embed().title()).isEqualTo("Django ORM tips");
    h.awaitPolls(1, "planet-python");
    assertThat(h.discord.messages(h.news)).hasSize(1);
  }

  @Test
  void subscribingWithABadFilterIsRefusedWithWhereAndNothingIsSaved() {
    PostedMessage refused =
        h.subscribe(h.news, "planet-python", CommandOption.string("filter", "django (orm"));

    assertThat(refused.ephemeral()).isTrue();
    assertThat(refused.content())
        .isEqualTo(
            "⚠️ Unclosed parenthesis at 8.\n```\ndjango (orm\n       ^\n```\nNothing was saved:"
                + " fix the filter and subscribe again.");
    try (Database db = h.database()) {
      assertThat(new SubscriptionStore(db).forGuild(h.guild.id())).isEmpty();
      assertThat(new FeedStore(db).findByUrl(h.feeds.url(FEED).toString())).isEmpty();
    }
  }

  @Test
  void aFilterIsTriedOnTheLatestEntriesNewestFirst() {
    h.feeds.serve(FEED, rss(BETA + FLASK + ORM));
    h.subscribe(h.news, "planet-python");

    PostedMessage reply =
        customize(h, h.admin, h.news, "filter", CommandOption.string("expression", "django -beta"))
            .awaitReply(WAIT);

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .isEqualTo(
            "Saved the filter of Planet Python in "
                + news
                + ": `django -beta`. It decides for new entries; those already posted or stopped"
                + " stay so.\n"
                + "Of its latest 3 entries, it lets 1 through and stops 2:\n"
                + "❌ Django 6 beta\n"
                + "✅ Django ORM tips\n"
                + "❌ Flask 3 released");
    assertThat(stored(h, h.news).filter()).isEqualTo("django -beta");
  }

  @Test
  void aBadExpressionIsRefusedWithWhatAndWhereAndTheFilterStaysAsItWas() {
    h.subscribe(h.news, "planet-python", CommandOption.string("filter", "django"));

    PostedMessage refused =
        customize(
                h,
                h.admin,
                h.news,
                "filter",
                CommandOption.string(
                    "expression", "a long expression that goes on and on, auther:ada and more"))
            .awaitReply(WAIT);

    assertThat(refused.content())
        .isEqualTo(
            "⚠️ Unknown field 'auther': did you mean author?\n```\n…pression that goes on and"
                + " on, auther:ada and more\n"
                + " ".repeat(31)
                + "^\n```\nNothing was saved: fix the filter and try again.");
    assertThat(stored(h, h.news).filter()).isEqualTo("django");
  }

  @Test
  void aMemberWithoutManageChannelsCannotChangeAFilter() {
    h.subscribe(h.news, "planet-python");

    PostedMessage refused =
        customize(h, h.reader, h.news, "filter", CommandOption.string("expression", "django"))
            .awaitReply(WAIT);

    assertThat(refused.content())
        .isEqualTo(
            "⚠️ You need the Manage Channels permission in "
                + news
                + " to change its subscriptions.");
    assertThat(stored(h, h.news).filter()).isNull();
  }
}
