package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.config.ConfigLoader;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.FeedFinder.Found;
import dev.orrery.poll.FeedFinder.Freshness;
import dev.orrery.testing.FeedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From what a person typed to a feed, as /subscribe, /latest and orrery latest all find it. */
class FeedFinderTest {
  static final String PLONE = "/fixtures/feeds/2026-04-22/planet-plone.rss.xml";
  static final String RSS = "/fixtures/feeds/2026-04-22/planet-python.rss.xml";

  @TempDir Path dir;
  FeedServer server;
  FeedSide side;

  @BeforeEach
  void start() throws Exception {
    server = new FeedServer();
    Path config = dir.resolve("bot.properties");
    Files.writeString(
        config,
        "database.url=jdbc:sqlite:"
            + dir.resolve("orrery.db")
            + "\nhttp.allow-private-addresses=true\nsources.planet-python.url="
            + server.url("/python.xml")
            + "\n");
    Config cfg = new ConfigLoader(Map.of()).load(config, false);
    side = new FeedSide(cfg, InstantSource.system());
  }

  @AfterEach
  void stop() {
    side.close();
    server.close();
  }

  Found find(String typed, Freshness freshness) {
    Catalogue.Resolution resolution = side.finder.resolve(typed);
    assertThat(resolution).isInstanceOf(Catalogue.Resolution.Url.class);
    return side.finder.find((Catalogue.Resolution.Url) resolution, freshness);
  }

  String page(String head) {
    return "<!DOCTYPE html><html><head><title>A blog</title>"
        + head
        + "</head><body>Hi</body></html>";
  }

  @Test
  void aPageLeadsToTheFirstFeedItLinksToAndSaysWhatElseItOffers() {
    server.respond(
        "/blog/",
        200,
        page(
            "<link rel=\"alternate\" type=\"application/feed+json\" href=\"/feed.json\">"
                + "<link rel=\"stylesheet\" href=\"/style.css\">"
                + "<link rel=\"Alternate\" type=\"application/atom+xml\" href=\"feeds/atom.xml\">"
                + "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\">"),
        Map.of("Content-Type", "text/html; charset=utf-8"));
    server.serveResource("/blog/feeds/atom.xml", PLONE);

    Found found = find(server.url("/blog/").toString(), Freshness.CURRENT);

    assertThat(found).isInstanceOf(Found.Ready.class);
    Found.Ready ready = (Found.Ready) found;
    assertThat(ready.feed().url()).isEqualTo(server.url("/blog/feeds/atom.xml").toString());
    assertThat(ready.note())
        .isEqualTo(
            "that page is not a feed: using the feed it links to, "
                + server.url("/blog/feeds/atom.xml")
                + " (it also offers "
                + server.url("/feed.json")
                + ", "
                + server.url("/rss.xml")
                + ")");
    assertThat(side.feeds.findByUrl(server.url("/blog/").toString())).isEmpty();
    assertThat(side.entries.latest(ready.feed().id(), 50)).isNotEmpty();
  }

  @Test
  void aPageWithoutFeedsSaysSoAndStoresNothing() {
    server.respond("/about", 200, page(""), Map.of("Content-Type", "text/html"));
    assertThat(find(server.url("/about").toString(), Freshness.READ_ONCE))
        .isEqualTo(
            new Found.Refused(
                "this page links to no feed: paste the address of its RSS or Atom feed"));
    server.respond(
        "/json-only",
        200,
        page("<link rel=\"alternate\" type=\"application/feed+json\" href=\"/f.json\">"),
        Map.of());
    assertThat(find(server.url("/json-only").toString(), Freshness.READ_ONCE))
        .isEqualTo(
            new Found.Refused(
                "this page links only to a JSON Feed ("
                    + server.url("/f.json")
                    + "), which Orrery cannot read: paste the address of an RSS or Atom feed"));
    assertThat(side.feeds.watched(true)).isEmpty();
  }

  @Test
  void aFeedNeverReadWhoseServerSaysComeBackLaterIsRefusedNotShownEmpty() {
    server.respond("/python.xml", 503, "busy", Map.of("Retry-After", "120"));
    side.feeds.findOrCreate(server.url("/python.xml").toString(), InstantSource.system().instant());

    assertThat(find("planet-python", Freshness.READ_ONCE))
        .isEqualTo(
            new Found.Refused(
                "HTTP 503 Service Unavailable: the feed's server asks to come back later"));
  }

  @Test
  void aKnownFeedIsReadOnceForShowingAndAgainForSubscribingWhenNobodyPollsIt() {
    server.serveResource("/python.xml", RSS);
    assertThat(find("planet-python", Freshness.READ_ONCE)).isInstanceOf(Found.Ready.class);
    assertThat(find("planet-python", Freshness.READ_ONCE)).isInstanceOf(Found.Ready.class);
    assertThat(server.requestCount("/python.xml")).isEqualTo(1);
    assertThat(find("planet-python", Freshness.CURRENT)).isInstanceOf(Found.Ready.class);
    assertThat(server.requestCount("/python.xml")).isEqualTo(2);
  }
}
