package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.store.Database;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.FeedServer;
import dev.orrery.testing.Resources;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code orrery opml export} and {@code orrery opml import} as a terminal runs them. */
class OpmlCommandTest {
  static final String NEWS = "1111";
  static final String OTHER = "2222";
  static final String GUILD = "77";

  @TempDir Path dir;
  FeedServer server;

  @BeforeEach
  void start() throws IOException {
    server = new FeedServer();
    server.serveResource("/a.xml", Resources.snapshot(Resources.SNAPSHOTS[0], "planet-python"));
    server.serveResource("/b.xml", Resources.snapshot(Resources.SNAPSHOTS[0], "planet-plone"));
    server.serveResource("/c.xml", Resources.snapshot(Resources.SNAPSHOTS[0], "planet-twisted"));
    config("orrery.db");
    config("empty.db");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Path config(String database) throws IOException {
    Path file = dir.resolve(database + ".properties");
    Files.write(
        file,
        List.of(
            "database.url=jdbc:sqlite:" + dir.resolve(database),
            "http.allow-private-addresses=true",
            "http.timeout=5s"));
    return file;
  }

  CommandRun opml(String database, String... args) {
    List<String> all = new ArrayList<>(List.of("opml"));
    all.addAll(List.of(args));
    all.addAll(List.of("--config", dir.resolve(database + ".properties").toString()));
    return CommandRun.of(all.toArray(String[]::new));
  }

  Path file(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  String url(String path) {
    return server.url(path).toString();
  }

  String opmlOf(String... outlines) {
    return "<?xml version=\"1.0\"?><opml version=\"2.0\""
        + " xmlns:orrery=\"https://orrery.dev/opml\"><head><title>Mine</title></head><body>"
        + String.join("", outlines)
        + "</body></opml>";
  }

  String outline(String path, String more) {
    return "<outline type=\"rss\" text=\""
        + path
        + "\" xmlUrl=\""
        + url(path)
        + "\" "
        + more
        + "/>";
  }

  Database database(String name) {
    return Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve(name), 1));
  }

  @Test
  void anImportSaysEachFeedOnStandardErrorAndSumsUpOnStandardOutput() throws IOException {
    Path subs =
        file(
            "subs.opml",
            opmlOf(
                outline("/a.xml", "orrery:filter=\"python\""),
                outline("/b.xml", ""),
                outline("/missing.xml", "")));

    CommandRun run =
        opml("orrery.db", "import", subs.toString(), "--channel", NEWS, "--guild", GUILD);

    assertThat(run.status()).as(run.err()).isEqualTo(1);
    assertThat(run.lines())
        .containsExactly(
            "added: Planet Python — " + url("/a.xml"),
            "added: Planet Plone - Where Developers And Integrators Write — " + url("/b.xml"),
            "refused: " + url("/missing.xml") + ": HTTP 404 Not Found",
            "2 added, 0 already there, 1 refused");
    assertThat(run.err().lines().filter(l -> l.matches("\\d of 3: .*")).toList())
        .hasSize(3)
        .anyMatch(l -> l.endsWith(": refused: " + url("/missing.xml") + ": HTTP 404 Not Found"));
    assertThat(run.err())
        .contains(
            "orrery opml import: a bot running on this database polls the 2 added feeds from its next start");
    try (Database db = database("orrery.db")) {
      List<Subscription> subscribed = new SubscriptionStore(db).forChannel(Long.parseLong(NEWS));
      assertThat(subscribed).hasSize(2).allMatch(s -> s.guildId() == Long.parseLong(GUILD));
      // feeds are read several at a time: the order they were subscribed in varies
      long a = new FeedStore(db).findByUrl(url("/a.xml")).orElseThrow().id();
      assertThat(subscribed)
          .allSatisfy(s -> assertThat(s.filter()).isEqualTo(s.feedId() == a ? "python" : null));
    }

    // again, without --guild: the channel's server is known from its subscriptions now
    CommandRun again = opml("orrery.db", "import", subs.toString(), "--channel", NEWS, "-q");
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.lines())
        .startsWith(
            "already there: Planet Python — " + url("/a.xml"),
            "already there: Planet Plone - Where Developers And Integrators Write — "
                + url("/b.xml"))
        .endsWith("0 added, 2 already there, 1 refused");
    assertThat(again.err()).as("-q: no progress").isEmpty();
  }

  @Test
  void anImportWhereEveryFeedIsTakenEndsWithStatusZero() throws IOException {
    Path subs = file("subs.opml", opmlOf(outline("/a.xml", "")));
    CommandRun run =
        opml("orrery.db", "import", subs.toString(), "--channel", NEWS, "--guild", GUILD);
    assertThat(run.status()).isZero();
    assertThat(run.lines()).endsWith("1 added, 0 already there, 0 refused");
  }

  @Test
  void anExportImportedOnAnEmptyDatabaseGivesTheSameSubscriptions() throws Exception {
    Path subs =
        file(
            "subs.opml",
            opmlOf(
                outline(
                    "/a.xml",
                    "orrery:filter=\"python -django\" orrery:template=\"{{title}}\""
                        + " orrery:embed=\"false\" orrery:name=\"Snakes\""
                        + " orrery:digest=\"weekly 09:30 Europe/Paris\""),
                outline("/b.xml", "orrery:avatar=\"https://example.org/b.png\""),
                outline("/c.xml", "")));
    assertThat(
            opml("orrery.db", "import", subs.toString(), "--channel", NEWS, "--guild", GUILD)
                .status())
        .isZero();
    assertThat(
            opml("orrery.db", "import", subs.toString(), "--channel", OTHER, "--guild", GUILD)
                .status())
        .isZero();

    CommandRun export = opml("orrery.db", "export", "--channel", NEWS);
    assertThat(export.status()).isZero();
    assertThat(export.err()).isEqualTo("orrery opml export: 3 subscriptions of 1 channel\n");
    assertThat(export.out())
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .contains("<outline text=\"channel " + NEWS + "\" orrery:channel=\"" + NEWS + "\">")
        .contains("orrery:digest=\"weekly 09:30 Europe/Paris\"")
        .doesNotContain(OTHER);
    Path exported = file("exported.opml", export.out());
    CommandRun restore =
        opml("empty.db", "import", exported.toString(), "--channel", NEWS, "--guild", GUILD);
    assertThat(restore.status()).as(restore.err()).isZero();

    try (FeedSide before = side("orrery.db");
        FeedSide after = side("empty.db")) {
      assertThat(OpmlImportTest.shapes(after))
          .hasSize(3)
          .isEqualTo(
              OpmlImportTest.shapes(before).stream()
                  .filter(s -> s.startsWith(GUILD + " " + NEWS + " "))
                  .toList());
    }

    CommandRun all = opml("orrery.db", "export");
    assertThat(all.out())
        .contains("orrery:channel=\"" + NEWS + "\"", "orrery:channel=\"" + OTHER + "\"");
    assertThat(all.err()).isEqualTo("orrery opml export: 6 subscriptions of 2 channels\n");
  }

  FeedSide side(String database) throws Exception {
    return new FeedSide(
        new dev.orrery.config.ConfigLoader(Map.of())
            .load(dir.resolve(database + ".properties"), false),
        java.time.InstantSource.system());
  }

  @Test
  void nothingToExportSaysSo() {
    database("orrery.db").close();
    CommandRun run = opml("orrery.db", "export", "--channel", NEWS);
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("orrery opml export: channel " + NEWS + " has no subscriptions in ")
        .endsWith(": nothing to export\n");
  }

  @Test
  void anExportFromADatabaseThatIsNotThereNamesItAndCreatesNothing() throws IOException {
    Path missing = dir.resolve("typo").resolve("orrery.db");
    Files.write(dir.resolve("typo.properties"), List.of("database.url=jdbc:sqlite:" + missing));
    CommandRun run = opml("typo", "export");
    assertThat(run.status()).isNotZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(
            "there is no database at "
                + missing.toAbsolutePath()
                + ": check database.url, or start the bot once to create it");
    assertThat(missing.getParent()).doesNotExist();
  }

  @Test
  void aFileThatIsNotUsableIsRefusedWithStatusTwoAndChangesNothing() throws IOException {
    Path big = dir.resolve("big.opml");
    try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
      sparse.setLength(3L * 1024 * 1024);
    }
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 501; i++) {
      many.append("<outline xmlUrl=\"https://feeds.example/").append(i).append("\"/>");
    }
    Map<Path, String> files =
        Map.of(
            file("notes.txt", "my feeds: " + url("/a.xml")),
            "not an OPML file: the XML is malformed at line 1, column 1 (",
            file(
                "xxe.opml",
                "<!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + opmlOf(outline("/a.xml", "text=\"&x;\""))),
            "not an OPML file: DOCTYPE declarations are not allowed (possible entity attack)",
            big,
            "the file is 3 MB; an OPML file may be at most 1 MB: split it into smaller files",
            file("folders.opml", opmlOf("<outline text=\"empty folder\"/>")),
            "the file lists no feeds: none of its outlines has an xmlUrl",
            file("many.opml", opmlOf(many.toString())),
            "the file lists 501 feeds; one import takes at most 500: split it into smaller files",
            dir.resolve("absent.opml"),
            "no such file",
            dir,
            "is a folder: name the OPML file in it");
    for (Map.Entry<Path, String> bad : files.entrySet()) {
      CommandRun run =
          opml("orrery.db", "import", bad.getKey().toString(), "--channel", NEWS, "--guild", GUILD);
      assertThat(run.status()).as(bad.getKey().toString()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err())
          .as(bad.getKey().toString())
          .startsWith("orrery opml import: ")
          .contains(bad.getValue());
    }
    assertThat(dir.resolve("orrery.db")).as("the database is never opened").doesNotExist();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void badArgumentsAreRefusedWithStatusTwoSayingWhatToDo() throws IOException {
    Path subs = file("subs.opml", opmlOf(outline("/a.xml", "")));
    CommandRun noChannel = opml("orrery.db", "import", subs.toString());
    assertThat(noChannel.status()).isEqualTo(2);
    assertThat(noChannel.err()).contains("Missing required option: '--channel=ID'");

    CommandRun zero = opml("orrery.db", "import", subs.toString(), "--channel", "0");
    assertThat(zero.status()).isEqualTo(2);
    assertThat(zero.err())
        .isEqualTo(
            "orrery opml import: --channel 0 is not a channel ID: in Discord, turn on Developer"
                + " Mode, right-click the channel and Copy Channel ID\n");

    CommandRun noGuild = opml("orrery.db", "import", subs.toString(), "--channel", NEWS);
    assertThat(noGuild.status()).isEqualTo(2);
    assertThat(noGuild.err())
        .isEqualTo(
            "orrery opml import: channel "
                + NEWS
                + " has no subscriptions yet, so its server is unknown: add --guild ID (in Discord,"
                + " right-click the server, Copy Server ID)\n");

    assertThat(
            opml("orrery.db", "import", subs.toString(), "--channel", NEWS, "--guild", GUILD)
                .status())
        .isZero();
    CommandRun otherGuild =
        opml("orrery.db", "import", subs.toString(), "--channel", NEWS, "--guild", "78");
    assertThat(otherGuild.status()).isEqualTo(2);
    assertThat(otherGuild.err())
        .isEqualTo(
            "orrery opml import: channel "
                + NEWS
                + " is in server "
                + GUILD
                + ", not 78: leave out --guild\n");
    assertThat(server.requestCount("/a.xml")).as("only the import that was taken").isEqualTo(1);

    CommandRun bare = CommandRun.of("opml");
    assertThat(bare.status()).isEqualTo(2);
    assertThat(bare.err()).contains("orrery opml export, or orrery opml import FILE --channel ID");
  }
}
