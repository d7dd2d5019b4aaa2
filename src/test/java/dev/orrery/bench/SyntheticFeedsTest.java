package dev.orrery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.feed.FeedParser;
import dev.orrery.feed.ParseResult;
import dev.orrery.feed.ParsedEntry;
import dev.orrery.feed.ParsedFeed;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The synthetic load: realistic, distinct, stable, and served as a planet serves it. */
class SyntheticFeedsTest {
  static final SyntheticFeeds FEEDS = SyntheticFeeds.fromFixtures();

  ParsedFeed parse(byte[] body) {
    ParseResult result =
        new FeedParser().parse(body, "application/rss+xml", URI.create("http://127.0.0.1/f/0.xml"));
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).feed();
  }

  @Test
  void aFeedHasFiftyEntriesInAboutAHundredKilobytes() {
    for (int k : new int[] {0, 1, 17, 9_999}) {
      byte[] body = FEEDS.body(k, 0);
      assertThat(body.length).as("feed %d", k).isBetween(80 * 1024, 130 * 1024);
      ParsedFeed feed = parse(body);
      assertThat(feed.entries()).hasSize(SyntheticFeeds.ENTRIES);
      assertThat(feed.entries())
          .allSatisfy(
              e -> {
                assertThat(e.html()).contains("<");
                assertThat(e.published()).isNotNull();
              });
    }
  }

  @Test
  void guidsAreUniqueAcrossFeedsAndAGrownFeedShiftsItsWindowByOne() {
    Set<String> guids = new HashSet<>();
    for (int k = 0; k < 3; k++) {
      for (ParsedEntry e : parse(FEEDS.body(k, 0)).entries()) {
        assertThat(guids.add(e.guid())).as(e.guid()).isTrue();
      }
    }
    ParsedFeed before = parse(FEEDS.body(5, 0));
    ParsedFeed after = parse(FEEDS.body(5, 1));
    assertThat(after.entries().get(0).guid())
        .isEqualTo(SyntheticFeeds.guid(5, SyntheticFeeds.ENTRIES));
    assertThat(after.entries().get(0).published()).isAfter(before.entries().get(0).published());
    assertThat(after.entries().subList(1, SyntheticFeeds.ENTRIES))
        .extracting(ParsedEntry::guid)
        .isEqualTo(
            before.entries().subList(0, SyntheticFeeds.ENTRIES - 1).stream()
                .map(ParsedEntry::guid)
                .toList());
  }

  @Test
  void bodiesAreStableSoTheSameBodyHashesTheSame() {
    assertThat(FEEDS.body(3, 0)).isEqualTo(FEEDS.body(3, 0));
    assertThat(FEEDS.body(3, 0)).isNotEqualTo(FEEDS.body(4, 0));
    assertThat(SyntheticFeeds.etag(3, 0)).isNotEqualTo(SyntheticFeeds.etag(3, 1));
  }

  @Test
  void chunksCutAtElementBoundaries() {
    String paragraph = "<p>" + "word ".repeat(100) + "</p>";
    assertThat(SyntheticFeeds.chunks(paragraph.repeat(10)))
        .allSatisfy(c -> assertThat(c).startsWith("<p>").endsWith("</p>"))
        .hasSize(10 * paragraph.length() / SyntheticFeeds.HTML_PER_ENTRY);
  }

  @Test
  void theServerAnswers304ToItsOwnEtagUnlessItIgnoresValidators() throws Exception {
    try (FeedLoadServer server = new FeedLoadServer(FEEDS, 3, 2)) {
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpRequest conditional =
          java.net.http.HttpRequest.newBuilder(server.feedUrl(1))
              .header("If-None-Match", server.etag(1))
              .build();
      var handler = java.net.http.HttpResponse.BodyHandlers.ofByteArray();
      assertThat(client.send(conditional, handler).statusCode()).isEqualTo(304);
      server.mode(FeedLoadServer.Mode.IGNORE_VALIDATORS);
      var response = client.send(conditional, handler);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(FEEDS.body(1, 0));
      server.mode(FeedLoadServer.Mode.CONDITIONAL);
      assertThat(server.grow(50)).isEqualTo(2); // feeds 0 and 2
      assertThat(client.send(conditional, handler).statusCode()).isEqualTo(304);
      assertThat(server.etag(2)).isEqualTo(SyntheticFeeds.etag(2, 1));
      assertThat(
              client
                  .send(java.net.http.HttpRequest.newBuilder(server.feedUrl(3)).build(), handler)
                  .statusCode())
          .isEqualTo(404);
    }
    assertThat(FeedLoadServer.feedIndex("/f/123.xml")).isEqualTo(123);
    assertThat(FeedLoadServer.feedIndex("/f/x.xml")).isEqualTo(-1);
    assertThat(FeedLoadServer.feedIndex("/other")).isEqualTo(-1);
  }
}
