package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static dev.orrery.discord.PostingEndToEndTest.bytes;
import static dev.orrery.discord.PostingEndToEndTest.item;
import static dev.orrery.discord.PostingEndToEndTest.rss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.app.App;
import dev.orrery.app.FeedSide;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.Member;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedEmbed;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.Role;
import dev.orrery.poll.DigestService;
import dev.orrery.store.Closure;
import dev.orrery.store.Digest;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription;
import dev.orrery.testing.Await;
import dev.orrery.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digests as a channel sees them, on a clock the test moves: the job is run through the entry point
 * its trigger calls, with the clock past (or not yet at) the due time. The clock stands years ahead
 * of the real one, so the feeds' own poll triggers never fire and each refresh is the test's.
 */
class DigestEndToEndTest {
  // Thursday 6 December 2040, 08:00 in Paris; the digest is due at 09:00 there, 08:00 UTC
  static final Instant START = Instant.parse("2040-12-06T07:00:00Z");
  static final Instant DUE = Instant.parse("2040-12-06T08:00:00Z");
  static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  @TempDir Path dir;
  BotHarness h;
  TestClock clock = new TestClock(START);
  App app;
  Subscription subscription;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    h.feeds.serve("/planet-python.xml", bytes(rss(item("baseline", link("baseline"), date(0)))));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  static String link(String title) {
    return "https://example.org/" + title.replace(' ', '-');
  }

  /** A publication date, {@code daysAgo} days before the clock's start. */
  static String date(int daysAgo) {
    return RFC_1123.format(START.minus(Duration.ofDays(daysAgo + 1)));
  }

  FeedSide side() {
    return app.feedSide();
  }

  void startWithDailyDigest(CommandOption... subscribeOptions) {
    app = h.startBot(clock);
    h.subscribe(h.news, "planet-python", subscribeOptions);
    subscription = side().subscriptions.forChannel(h.news.id()).get(0);
    DigestService.Result result =
        side().digestService.set(subscription.id(), "daily", "09:00", "Europe/Paris");
    assertThat(((DigestService.Result.Scheduled) result).next().describe())
        .isEqualTo("Thursday 6 December at 09:00 Europe/Paris");
  }

  /** The feed now lists these items (newest first, as feeds do), and the bot reads it. */
  void feedGains(String items) {
    h.feeds.serve(
        "/planet-python.xml", bytes(rss(items + item("baseline", link("baseline"), date(0)))));
    Feed feed = side().feeds.find(subscription.feedId()).orElseThrow();
    side().refresher.refresh(feed);
  }

  Closure runJobAt(Instant when) {
    clock.set(when);
    return side().digestScheduler.closeDue(subscription.id());
  }

  List<Digest> digests() {
    return side().digests.forSubscription(subscription.id());
  }

  void awaitSent(int digests) {
    Await.until(
        WAIT,
        digests + " digests marked sent",
        () -> digests().stream().filter(d -> d.state().equals("sent")).count() == digests);
  }

  static List<String> lines(List<PostedMessage> messages) {
    List<String> lines = new ArrayList<>();
    for (PostedMessage message : messages) {
      for (PostedEmbed embed : message.embeds()) {
        lines.addAll(List.of(embed.description().split("\n")));
      }
    }
    return lines;
  }

  @Test
  void aDailyDigestAtNineInParisListsThePeriodsEntriesLinkedOldestFirstInOneMessage() {
    startWithDailyDigest();
    feedGains(
        item("third", link("third"), date(1))
            + item("first", link("first"), date(3))
            + item("second", link("second"), date(2)));

    assertThat(runJobAt(DUE.minusSeconds(60))).isInstanceOf(Closure.NothingDue.class);
    assertThat(digests()).isEmpty();
    assertThat(h.discord.messages(h.news)).isEmpty();

    assertThat(runJobAt(DUE.plusSeconds(1))).isInstanceOf(Closure.Made.class);
    PostedMessage digest = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    awaitSent(1);
    assertThat(h.discord.messages(h.news)).hasSize(1);
    assertThat(digest.embeds()).hasSize(1);
    assertThat(digest.embed().title()).isEqualTo("Planet Python: 3 new posts");
    assertThat(digest.embed().description())
        .isEqualTo(
            "[first](<https://example.org/first>)\n"
                + "[second](<https://example.org/second>)\n"
                + "[third](<https://example.org/third>)");
    assertThat(digest.content()).isEmpty();
    assertThat(digest.allowedMentions().present()).isTrue();
    assertThat(digest.allowedMentions().parse()).isEmpty();
    assertThat(digest.allowedMentions().roles()).isEmpty();
    assertThat(digest.nonce()).isNotBlank().hasSizeLessThanOrEqualTo(25);
    assertThat(digests().get(0).messageId()).isEqualTo(digest.id());
    assertThat(side().deliveries.count("sent")).isEqualTo(3);

    // the next day's period found nothing: nothing is posted
    assertThat(runJobAt(DUE.plus(Duration.ofDays(1)).plusSeconds(1)))
        .isInstanceOf(Closure.Empty.class);
    assertThat(digests()).hasSize(1);
    assertThat(h.discord.messages(h.news)).hasSize(1);
  }

  @Test
  void aDigestOf120LongTitlesTakesAsFewMessagesAsTheLimitsAllowAndMentionsTheRoleOnce() {
    Role watchers = h.discord.createRole(h.guild, "Watchers", 0);
    Role announcers =
        h.discord.createRole(
            h.guild, "Announcers", Permissions.MANAGE_CHANNELS | Permissions.MENTION_EVERYONE);
    Member announcer = h.discord.addMember(h.guild, "cleo", announcers);
    app = h.startBot(clock);
    h.command(
        announcer,
        h.news,
        "subscribe",
        CommandOption.string("source", "planet-python"),
        CommandOption.role("mention", watchers));
    subscription = side().subscriptions.forChannel(h.news.id()).get(0);
    side().digestService.set(subscription.id(), "daily", "09:00", "Europe/Paris");
    StringBuilder items = new StringBuilder();
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String title = String.format("Entry %03d: ", i) + "a rather long title ".repeat(10).strip();
      titles.add(title);
      // newest first, as feeds list them
      items.insert(0, item(title, link(String.format("entry-%03d", i)), date(120 - i)));
    }
    feedGains(items.toString());

    runJobAt(DUE.plusSeconds(1));
    awaitSent(1);
    List<PostedMessage> messages = h.discord.messages(h.news);

    assertThat(lines(messages))
        .hasSize(120)
        .allSatisfy(line -> assertThat(line).matches("\\[Entry \\d{3}: .*\\]\\(<.*>\\)"))
        .extracting(line -> line.substring(1, line.indexOf(']')))
        .containsExactlyElementsOf(titles);
    assertThat(messages.get(0).embed().title()).isEqualTo("Planet Python: 120 new posts");
    assertThat(messages.subList(1, messages.size()))
        .allSatisfy(
            m ->
                assertThat(m.embed().title())
                    .isEqualTo("Planet Python: 120 new posts (continued)"));
    // no message ends while the next line would still have fit in it
    for (int m = 0; m + 1 < messages.size(); m++) {
      int length =
          messages.get(m).embeds().stream()
                  .mapToInt(e -> e.title() == null ? 0 : e.title().length())
                  .sum()
              + lines(List.of(messages.get(m))).stream().mapToInt(String::length).sum();
      String next = lines(List.of(messages.get(m + 1))).get(0);
      assertThat(length + next.length())
          .as("message %d and the next line", m)
          .isGreaterThan(6000 - 12);
    }
    // 120 lines of 245 characters are 29,400 characters: more than four messages of 6000 hold
    assertThat(lines(messages)).allSatisfy(line -> assertThat(line).hasSize(245));
    assertThat(messages).hasSize(5);
    assertThat(messages.get(0).content()).isEqualTo("<@&" + watchers.id() + ">");
    assertThat(messages.get(0).allowedMentions().roles()).containsExactly(watchers.id());
    assertThat(messages.subList(1, messages.size()))
        .allSatisfy(
            m -> {
              assertThat(m.content()).isEmpty();
              assertThat(m.allowedMentions().roles()).isEmpty();
              assertThat(m.allowedMentions().parse()).isEmpty();
            });
    assertThat(messages).extracting(PostedMessage::nonce).doesNotHaveDuplicates();
  }

  @Test
  void aServerErrorIsRetriedAfterTheBackoffAndTheDigestLandsOnce() {
    startWithDailyDigest();
    feedGains(item("only", link("only"), date(1)));
    h.discord.failNextRequests(1, 500, "POST channels/*/messages");

    runJobAt(DUE.plusSeconds(1));
    Await.until(
        WAIT,
        "the failed try to be recorded",
        () -> digests().get(0).lastError() != null && digests().get(0).attempts() == 1);
    assertThat(h.discord.messages(h.news)).isEmpty();
    clock.advance(Duration.ofSeconds(10));

    h.discord.awaitMessages(h.news, 1, WAIT);
    awaitSent(1);
    assertThat(h.discord.messages(h.news)).hasSize(1);
  }

  @Test
  void stoppingTheDigestPostsWhatIsHeldAtOnce() {
    startWithDailyDigest();
    feedGains(item("held", link("held"), date(1)));

    assertThat(side().digestService.stop(subscription.id()))
        .isEqualTo(new DigestService.Result.Stopped(1));

    PostedMessage last = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    assertThat(last.embed().description()).isEqualTo("[held](<https://example.org/held>)");
  }

  @Test
  void aDigestDueWhileTheBotWasDownIsPostedOnceWithEverythingHeldAndNotAgain() {
    startWithDailyDigest();
    feedGains(item("before", link("before"), date(3)));
    h.stopBot();
    // discovered while the bot was away, after the first due time
    clock.set(DUE.plus(Duration.ofHours(4)));
    h.feeds.serve(
        "/planet-python.xml",
        bytes(
            rss(
                item("away", link("away"), date(2))
                    + item("before", link("before"), date(3))
                    + item("baseline", link("baseline"), date(0)))));
    h.discoverWithoutPosting(clock);
    // down through two due times: 6 and 7 December at 09:00 in Paris
    clock.set(DUE.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)));

    app = h.startBot(clock);
    PostedMessage digest = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    awaitSent(1);

    assertThat(digests())
        .singleElement()
        .satisfies(d -> assertThat(d.dueAt()).isEqualTo(DUE.plus(Duration.ofDays(1))));
    assertThat(digest.embed().title()).isEqualTo("Planet Python: 2 new posts");
    assertThat(lines(List.of(digest)))
        .containsExactly(
            "[before](<https://example.org/before>)", "[away](<https://example.org/away>)");

    h.stopBot();
    app = h.startBot(clock);
    // the start closed what was due before it returned: nothing new was due
    assertThat(digests()).hasSize(1);
    assertThat(side().digestScheduler.closeDue(subscription.id()))
        .isInstanceOf(Closure.NothingDue.class);
    assertThat(h.discord.messages(h.news)).hasSize(1);
  }

  @Test
  void aDigestSentAgainAfterACrashCarriesTheSameNonceAndDiscordKeepsTheFirst() {
    startWithDailyDigest();
    feedGains(item("one", link("one"), date(2)) + item("two", link("two"), date(1)));
    runJobAt(DUE.plusSeconds(1));
    PostedMessage posted = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    awaitSent(1);
    long digestId = digests().get(0).id();
    h.stopBot();

    // the state a crash leaves when Discord took the message but the process died before recording
    // it
    try (dev.orrery.store.Database db = h.database()) {
      db.withConnection(
          "undo the record of the send",
          c -> {
            c.createStatement()
                .executeUpdate(
                    "UPDATE digests SET state = 'pending', message_id = NULL WHERE id = "
                        + digestId);
            return c.createStatement()
                .executeUpdate(
                    "UPDATE deliveries SET state = 'held', message_id = NULL WHERE digest_id = "
                        + digestId);
          });
    }

    app = h.startBot(clock);
    awaitSent(1);
    assertThat(h.discord.messages(h.news)).hasSize(1);
    assertThat(h.discord.stats().nonceRepeats()).isEqualTo(1);
    assertThat(digests().get(0).messageId()).isEqualTo(posted.id());
  }
}
