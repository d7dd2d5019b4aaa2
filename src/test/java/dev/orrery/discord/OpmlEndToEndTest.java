package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.Attachment;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.Interaction;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.RecordedRequest;
import dev.orrery.feed.OpmlFeed;
import dev.orrery.feed.OpmlReader;
import dev.orrery.store.Database;
import dev.orrery.store.DigestSchedule;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.Await;
import dev.orrery.testing.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /opml export and /opml import as a server's admin uses them. */
class OpmlEndToEndTest {
  @TempDir Path dir;
  BotHarness h;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    h.serveSnapshot(Resources.SNAPSHOTS[0]);
    h.feeds.serveResource("/a.xml", Resources.snapshot(Resources.SNAPSHOTS[1], "planet-python"));
    h.feeds.serveResource("/b.xml", Resources.snapshot(Resources.SNAPSHOTS[1], "planet-plone"));
    h.feeds.respond(
        "/page.html",
        200,
        "<!DOCTYPE html><html><body>No feed here</body></html>",
        Map.of("Content-Type", "text/html"));
    h.startBot();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  String url(String path) {
    return h.feeds.url(path).toString();
  }

  static String opml(String... outlines) {
    return "<?xml version=\"1.0\"?><opml version=\"2.0\""
        + " xmlns:orrery=\"https://orrery.dev/opml\"><head><title>Mine</title></head><body>"
        + String.join("", outlines)
        + "</body></opml>";
  }

  static String outline(String url, String more) {
    return "<outline type=\"rss\" text=\"x\" xmlUrl=\"" + url + "\" " + more + "/>";
  }

  Interaction importing(String name, byte[] file, CommandOption... more) {
    CommandOption[] options = new CommandOption[more.length + 1];
    options[0] = CommandOption.attachment("file", name, "text/x-opml", file);
    System.arraycopy(more, 0, options, 1, more.length);
    return h.discord.interact(h.admin, h.news, "opml", CommandOption.subcommand("import", options));
  }

  /** The reply once it is the import's summary, not its progress. */
  PostedMessage summary(Interaction interaction) {
    PostedMessage first = interaction.awaitReply(WAIT);
    Await.until(
        WAIT, "the import's summary", () -> current(first).content().startsWith("Imported"));
    return current(first);
  }

  PostedMessage current(PostedMessage message) {
    return h.discord.messages().stream()
        .filter(m -> m.id() == message.id())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void exportRepliesWithTheServersSubscriptionsAsAnOpmlFile() {
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.other, "planet-plone");
    try (Database db = h.database()) {
      SubscriptionStore store = new SubscriptionStore(db);
      Subscription python = store.forChannel(h.news.id()).get(0);
      store.customize(
          python.id(), "python -django", "{{title}}", new Subscription.Appearance("Snakes", null));
    }

    PostedMessage reply = h.command(h.admin, h.news, "opml", CommandOption.subcommand("export"));

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .isEqualTo(
            "This server's 2 subscriptions in 2 channels, with their filters, templates,"
                + " appearances and digests. /opml import takes this file back, into one channel"
                + " at a time.");
    Attachment file = reply.attachment("subscriptions.opml");
    assertThat(file.text())
        .contains(
            "<title>Python</title>",
            "<outline text=\"news\" orrery:channel=\"" + h.news.id() + "\">",
            "<outline text=\"other\" orrery:channel=\"" + h.other.id() + "\">",
            "type=\"rss\"",
            "xmlUrl=\"" + url("/planet-python.xml") + "\"",
            "orrery:filter=\"python -django\"",
            "orrery:name=\"Snakes\"");
    OpmlReader.Read read = new OpmlReader().read(file.bytes());
    assertThat(((OpmlReader.Read.Feeds) read).feeds())
        .extracting(OpmlFeed::url, OpmlFeed::title)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(url("/planet-python.xml"), "Planet Python"),
            org.assertj.core.groups.Tuple.tuple(url("/planet-plone.xml"), "Planet Plone"));
  }

  @Test
  void importTellsItsProgressThenWhatWasAddedAlreadyThereAndRefused() {
    h.subscribe(h.news, "planet-twisted");
    byte[] file =
        opml(
                outline(url("/a.xml"), "orrery:filter=\"python\""),
                "<outline text=\"Folder\">" + outline(url("/b.xml"), "") + "</outline>",
                outline(url("/a.xml"), ""),
                outline(url("/planet-twisted.xml"), ""),
                outline(url("/missing.xml"), ""),
                outline(url("/page.html"), ""))
            .getBytes(StandardCharsets.UTF_8);

    Interaction interaction = importing("feeds.opml", file);
    PostedMessage summary = summary(interaction);

    assertThat(summary.ephemeral()).isTrue();
    assertThat(summary.content())
        .isEqualTo(
            "Imported into <#"
                + h.news.id()
                + ">: 2 added, 1 already there, 2 refused.\n"
                + "**Refused**\n"
                + "- "
                + url("/missing.xml")
                + ": HTTP 404 Not Found\n"
                + "- "
                + url("/page.html")
                + ": this page links to no feed: paste the address of its RSS or Atom feed\n"
                + "**Added**: Planet Python, Planet Plone - Where Developers And Integrators"
                + " Write\n"
                + "**Already there**: Planet Twisted");
    List<String> edits =
        h.discord.requests("PATCH webhooks/*/*/messages/@original").stream()
            .map(RecordedRequest::body)
            .toList();
    assertThat(edits)
        .anyMatch(b -> b.contains("Reading 5 feeds for <#" + h.news.id() + ">"))
        .anyMatch(b -> b.contains("Importing into <#" + h.news.id() + ">: 1 of 5"));
    try (Database db = h.database()) {
      List<Subscription> news = new SubscriptionStore(db).forChannel(h.news.id());
      assertThat(news).hasSize(3);
      FeedStore feeds = new FeedStore(db);
      long a = feeds.findByUrl(url("/a.xml")).orElseThrow().id();
      assertThat(new SubscriptionStore(db).find(h.news.id(), a).orElseThrow().filter())
          .isEqualTo("python");
      assertThat(new SubscriptionStore(db).find(h.news.id(), a).orElseThrow().createdBy())
          .isEqualTo(h.admin.user().id());
      assertThat(feeds.findByUrl(url("/missing.xml"))).isEmpty();
    }
  }

  @Test
  void exportThenImportOnAnEmptyDatabaseGivesTheSameSubscriptions() throws IOException {
    h.subscribe(h.news, "planet-python");
    h.subscribe(h.news, url("/a.xml"));
    h.subscribe(h.news, url("/b.xml"));
    try (Database db = h.database()) {
      SubscriptionStore store = new SubscriptionStore(db);
      List<Subscription> news = store.forChannel(h.news.id());
      store.customize(
          news.get(0).id(),
          "python -django",
          "**{{title}}**",
          new Subscription.Appearance("Snakes", "https://example.org/a.png"));
      store.setTemplate(news.get(0).id(), "**{{title}}**", false);
      store.setDigest(
          news.get(1).id(),
          new DigestSchedule(
              DigestSchedule.Every.DAILY, LocalTime.of(8, 0), ZoneId.of("Europe/Paris"), null));
    }
    List<String> before = shapes();
    PostedMessage export = h.command(h.admin, h.news, "opml", CommandOption.subcommand("export"));
    byte[] file = export.attachment("subscriptions.opml").bytes();

    h.stopBot();
    for (String name : List.of("orrery.db", "orrery.db-wal", "orrery.db-shm")) {
      Files.deleteIfExists(dir.resolve(name));
    }
    h.startBot();
    assertThat(shapes()).isEmpty();
    PostedMessage summary = summary(importing("subscriptions.opml", file));

    assertThat(summary.content())
        .startsWith("Imported into <#" + h.news.id() + ">: 3 added, 0 already there, 0 refused.");
    assertThat(shapes()).hasSize(3).isEqualTo(before);
  }

  /** Every subscription apart from its ids and times: where, which feed, and how. */
  List<String> shapes() {
    try (Database db = h.database()) {
      FeedStore feeds = new FeedStore(db);
      return new SubscriptionStore(db)
          .all().stream()
              .map(
                  s -> {
                    DigestSchedule digest = s.digest();
                    return s.guildId()
                        + " "
                        + s.channelId()
                        + " "
                        + feeds.find(s.feedId()).orElseThrow().url()
                        + " "
                        + new Subscription.Settings(
                            s.filter(),
                            s.template(),
                            s.embed(),
                            s.appearance(),
                            digest == null
                                ? null
                                : new DigestSchedule(
                                    digest.every(), digest.at(), digest.zone(), null));
                  })
              .sorted()
              .toList();
    }
  }

  @Test
  void whatCannotBeImportedIsRefusedToTheCallerAloneAndChangesNothing() {
    byte[] good = opml(outline(url("/a.xml"), "")).getBytes(StandardCharsets.UTF_8);
    PostedMessage notAdmin =
        h.command(
            h.reader,
            h.news,
            "opml",
            CommandOption.subcommand(
                "import", CommandOption.attachment("file", "feeds.opml", "text/x-opml", good)));
    assertThat(notAdmin.ephemeral()).isTrue();
    assertThat(notAdmin.content())
        .isEqualTo(
            "⚠️ You need the Manage Channels permission in <#"
                + h.news.id()
                + "> to change its subscriptions.");

    PostedMessage notes =
        importing("notes.txt", "my feeds".getBytes(StandardCharsets.UTF_8)).awaitReply(WAIT);
    assertThat(notes.ephemeral()).isTrue();
    assertThat(notes.content())
        .startsWith(
            "⚠️ Could not import notes.txt: not an OPML file: the XML is malformed at line 1,"
                + " column 1 (")
        .endsWith(". Nothing changed.");

    byte[] xxe =
        ("<!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + opml(outline(url("/a.xml"), "text=\"&x;\"")))
            .getBytes(StandardCharsets.UTF_8);
    assertThat(importing("xxe.opml", xxe).awaitReply(WAIT).content())
        .isEqualTo(
            "⚠️ Could not import xxe.opml: not an OPML file: DOCTYPE declarations are not allowed"
                + " (possible entity attack): remove the \\<!DOCTYPE> line. Nothing changed.");

    byte[] big = new byte[2 * 1024 * 1024];
    assertThat(importing("big.opml", big).awaitReply(WAIT).content())
        .isEqualTo(
            "⚠️ Could not import big.opml: the file is 2 MB; an OPML file may be at most 1 MB:"
                + " split it into smaller files.");

    byte[] empty = opml("<outline text=\"Folder\"/>").getBytes(StandardCharsets.UTF_8);
    assertThat(importing("empty.opml", empty).awaitReply(WAIT).content())
        .isEqualTo(
            "⚠️ Could not import empty.opml: the file lists no feeds: none of its outlines has an"
                + " xmlUrl. Nothing changed.");

    try (Database db = h.database()) {
      assertThat(new SubscriptionStore(db).all()).isEmpty();
    }
    assertThat(h.feeds.requestCount("/a.xml")).isZero();
  }
}
