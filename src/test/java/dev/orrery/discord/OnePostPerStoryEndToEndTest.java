package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static dev.orrery.discord.CustomizeFilterEndToEndTest.post;
import static dev.orrery.discord.TemplatesEndToEndTest.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.PostedMessage;
import dev.orrery.store.Admission;
import dev.orrery.store.Database;
import dev.orrery.store.DeliveryStore;
import dev.orrery.store.Entry;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same post on Planet Python and the Django community aggregator reaches a channel that follows
 * both once, and a channel that follows one of them as usual.
 */
class OnePostPerStoryEndToEndTest {
  static final String PYTHON = "/planet-python.xml";
  static final String DJANGO = "/django-community.xml";
  static final String OLD = post("Flask 3 released", "flask", 3);

  /** The story as Planet Python lists it: its own guid, the blog's link. */
  static final String ON_PYTHON =
      item(
          "Adam Johnson: Django's ORM, faster",
          "https://adamj.example/blog/orm-faster/",
          "Mon, 04 May 2026 10:00:00 GMT",
          "",
          "About the ORM");

  /** The same story on the Django aggregator: another guid, the link spelled otherwise. */
  static final String ON_DJANGO =
      "<item><title>Django's ORM, faster</title>"
          + "<link>http://ADAMJ.example/blog/orm-faster?utm_source=planet&amp;utm_medium=rss</link>"
          + "<guid isPermaLink=\"false\">django-community-4711</guid>"
          + "<pubDate>Mon, 04 May 2026 10:05:00 GMT</pubDate>"
          + "<description>About the ORM</description></item>";

  @TempDir Path dir;
  BotHarness h;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    h.feeds.serve(PYTHON, rss("Planet Python", OLD));
    h.feeds.serve(DJANGO, rss("Django community", OLD));
    h.startBot();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  static byte[] rss(String title, String items) {
    return ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>"
            + title
            + "</title><link>https://example.org/</link>"
            + items
            + "</channel></rss>")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aChannelFollowingBothPlanetsGetsTheStoryOnceAndTheSecondIsSkippedNamingTheFirst() {
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.news, "django-community");
    h.subscribe(h.other, "django-community");

    h.feeds.serve(PYTHON, rss("Planet Python", ON_PYTHON + OLD));
    PostedMessage first = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    h.awaitPolls(1, "planet-python");
    h.feeds.serve(DJANGO, rss("Django community", ON_DJANGO + OLD));
    h.discord.awaitMessages(h.other, 1, WAIT);
    h.awaitPolls(1, "django-community");

    assertThat(first.embed().title()).isEqualTo("Adam Johnson: Django's ORM, faster");
    assertThat(h.discord.messages(h.news)).hasSize(1);
    // the other channel follows only the aggregator: it gets the story from there
    assertThat(h.discord.messages(h.other))
        .extracting(m -> m.embed().title())
        .containsExactly("Django's ORM, faster");
    assertThat(fateInNews("django-community", "Django's ORM, faster"))
        .isEqualTo(
            new DeliveryStore.Fate("skipped", "already posted in this channel from Planet Python"));
  }

  @Test
  void withTheSettingOffTheChannelGetsItFromEachSource() {
    h.stopBot();
    h.configure("deliver.one-post-per-story=false");
    h.startBot();
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.news, "django-community");

    h.feeds.serve(PYTHON, rss("Planet Python", ON_PYTHON + OLD));
    h.discord.awaitMessages(h.news, 1, WAIT);
    h.feeds.serve(DJANGO, rss("Django community", ON_DJANGO + OLD));
    List<PostedMessage> both = h.discord.awaitMessages(h.news, 2, WAIT);

    assertThat(both)
        .extracting(m -> m.embed().title())
        .containsExactly("Adam Johnson: Django's ORM, faster", "Django's ORM, faster");
  }

  private DeliveryStore.Fate fateInNews(String source, String title) {
    try (Database db = h.database()) {
      long feedId =
          new dev.orrery.store.FeedStore(db)
              .findByUrl(h.feeds.url("/" + source + ".xml").toString())
              .orElseThrow()
              .id();
      Subscription subscription = new SubscriptionStore(db).find(h.news.id(), feedId).orElseThrow();
      Entry entry =
          new EntryStore(db, 5, Admission.EVERYTHING, true)
              .latest(feedId, 10).stream()
                  .filter(e -> e.title().equals(title))
                  .findFirst()
                  .orElseThrow();
      return new DeliveryStore(db).fate(subscription.id(), entry.id()).orElseThrow();
    }
  }
}
