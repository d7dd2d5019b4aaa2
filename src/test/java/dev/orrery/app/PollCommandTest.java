package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orrery.config.Config;
import dev.orrery.store.Database;
import dev.orrery.store.FeedStore;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.BuiltInsRemoved;
import dev.orrery.testing.FeedServer;
import dev.orrery.testing.HostileFeeds;
import dev.orrery.testing.Resources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PollCommandTest {
  @TempDir Path dir;
  FeedServer server;
  Path config;

  @BeforeEach
  void start() throws IOException {
    server = new FeedServer();
    List<String> lines =
        new ArrayList<>(
            List.of(
                "database.url=jdbc:sqlite:" + dir.resolve("orrery.db"),
                "http.allow-private-addresses=true",
                "http.timeout=5s",
                "deliver.max-per-poll=10"));
    for (String source : Resources.SOURCES) {
      lines.add("sources." + source + ".url=" + server.url("/" + source + ".xml"));
    }
    config = dir.resolve("bot.properties");
    Files.write(config, lines);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * Serves one snapshot; a source the snapshot lacks keeps its previous file, as the planet did.
   */
  void serveSnapshot(String date) {
    for (String source : Resources.SOURCES) {
      String resource = Resources.snapshot(date, source);
      if (resource != null) {
        server.serveResource("/" + source + ".xml", resource);
      }
    }
  }

  CommandRun pollOnce(String... extra) {
    List<String> args = new ArrayList<>(List.of("poll", "--once", "--config", config.toString()));
    args.addAll(List.of(extra));
    return CommandRun.of(args.toArray(String[]::new));
  }

  @Test
  void theThreePlanetSnapshotsPrintNothingThenTwelveThenSevenThenNothing() {
    serveSnapshot(Resources.SNAPSHOTS[0]);
    CommandRun step1 = pollOnce();
    assertThat(step1.status()).isZero();
    assertThat(step1.out()).as("stdout carries only entries").isEmpty();
    assertThat(step1.err().lines())
        .containsExactly(
            "django-community: 3 entries already published, watching for new ones",
            "planet-plone: 3 entries already published, watching for new ones",
            "planet-python: 3 entries already published, watching for new ones",
            "planet-twisted: 3 entries already published, watching for new ones");

    serveSnapshot(Resources.SNAPSHOTS[1]);
    CommandRun step2 = pollOnce();
    assertThat(step2.status()).isZero();
    assertThat(step2.entryLines()).hasSize(12).doesNotHaveDuplicates();
    assertThat(step2.lines()).hasSize(12);
    assertThat(step2.entryLines()).filteredOn(l -> l.startsWith("[planet-python] ")).hasSize(3);
    assertThat(step2.entryLines())
        .anyMatch(l -> l.startsWith("[planet-python] Kay Hayen: Nuitka Release 4.0 — https://"));

    serveSnapshot(Resources.SNAPSHOTS[2]);
    CommandRun step3 = pollOnce();
    assertThat(step3.status()).isZero();
    assertThat(step3.entryLines()).hasSize(7).doesNotHaveDuplicates();
    assertThat(step3.entryLines()).noneMatch(step2.entryLines()::contains);

    CommandRun again = pollOnce();
    assertThat(again.status()).isZero();
    assertThat(again.out()).isEmpty();
  }

  @Test
  void theConsoleLeavesNoSubscriptionBehindForABotOnTheSameDatabase() throws Exception {
    serveSnapshot(Resources.SNAPSHOTS[0]);
    pollOnce();
    try (Database db = database()) {
      assertThat(new SubscriptionStore(db).forChannel(0)).isEmpty();
      assertThat(new FeedStore(db).watched(true)).isEmpty();
    }
  }

  @Test
  void aSourceThatBreaksTheReaderCostsTheOthersNothing() {
    serveSnapshot(Resources.SNAPSHOTS[0]);
    pollOnce();
    serveSnapshot(Resources.SNAPSHOTS[1]);
    server.serve(
        "/planet-plone.xml",
        HostileFeeds.rssWithNestedDescription(5_000).getBytes(StandardCharsets.UTF_8));

    CommandRun run = pollOnce();

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("planet-plone: ").doesNotContain("Error", "\tat ", "java.");
    assertThat(run.entryLines()).noneMatch(l -> l.startsWith("[planet-plone]"));
    assertThat(run.entryLines()).filteredOn(l -> l.startsWith("[planet-python] ")).hasSize(3);
    assertThat(run.entryLines())
        .anyMatch(l -> l.startsWith("[django-community] "))
        .anyMatch(l -> l.startsWith("[planet-twisted] "));
  }

  @Test
  void pollRunsOnOneDatabaseTakeTurnsAndPrintEachEntryOnce() throws Exception {
    serveSnapshot(Resources.SNAPSHOTS[0]);
    pollOnce();
    serveSnapshot(Resources.SNAPSHOTS[1]);

    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(childPoll("--once"));
    }
    List<String> printed = new ArrayList<>();
    StringBuilder errors = new StringBuilder();
    for (Process run : runs) {
      printed.addAll(
          new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      errors.append(new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(run.exitValue()).isZero();
    }

    assertThat(printed).hasSize(12).doesNotHaveDuplicates().allMatch(l -> l.startsWith("["));
    assertThat(errors.toString().lines())
        .filteredOn(l -> l.startsWith("orrery"))
        .allMatch(
            l ->
                l.matches(
                    "orrery poll: another orrery poll is using .*orrery\\.db; waiting for it to"
                        + " end"));
    assertThat(errors.toString()).doesNotContain("Exception");
  }

  @Test
  void aKilledRunLeavesNothingABotPollsForAndTheNextRunClearsIt() throws Exception {
    serveSnapshot(Resources.SNAPSHOTS[0]);
    Process run = childPoll();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(run.getErrorStream(), StandardCharsets.UTF_8));
    for (int i = 0; i < Resources.SOURCES.length; i++) {
      assertThat(out.readLine()).contains("already published");
    }
    run.destroyForcibly();
    assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (Database db = database()) {
      assertThat(new SubscriptionStore(db).forChannel(0)).hasSize(Resources.SOURCES.length);
      assertThat(new FeedStore(db).watched()).as("what a bot polls").isEmpty();
    }
    serveSnapshot(Resources.SNAPSHOTS[1]);
    CommandRun next = pollOnce();
    assertThat(next.status()).isZero();
    assertThat(next.entryLines()).hasSize(12);
    try (Database db = database()) {
      assertThat(new SubscriptionStore(db).forChannel(0)).isEmpty();
    }
  }

  Database database() {
    return Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 1));
  }

  /** {@code orrery poll} in a process of its own. */
  Process childPoll(String... extra) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "poll",
                "--config",
                config.toString()));
    command.addAll(List.of(extra));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    return process;
  }

  @Test
  void newEntriesArePrintedOldestFirst() {
    serveSnapshot(Resources.SNAPSHOTS[0]);
    pollOnce();
    serveSnapshot(Resources.SNAPSHOTS[1]);
    List<String> dates =
        pollOnce().entryLines().stream()
            .map(l -> l.substring(l.lastIndexOf('(') + 1, l.length() - 1))
            .toList();
    assertThat(dates).isSorted();
  }

  @Test
  void jsonPrintsOneObjectPerEntryWithEveryField() throws IOException {
    serveSnapshot(Resources.SNAPSHOTS[0]);
    pollOnce("--json");
    serveSnapshot(Resources.SNAPSHOTS[1]);
    CommandRun step2 = pollOnce("--json");
    assertThat(step2.lines()).hasSize(12);
    ObjectMapper json = new ObjectMapper();
    for (String line : step2.lines()) {
      JsonNode node = json.readTree(line);
      assertThat(node.fieldNames())
          .toIterable()
          .containsExactlyInAnyOrder(
              "source",
              "feed_url",
              "key",
              "title",
              "url",
              "author",
              "published",
              "summary",
              "image");
      assertThat(node.get("source").asText()).isIn((Object[]) Resources.SOURCES);
      assertThat(node.get("feed_url").asText()).startsWith("http://127.0.0.1:");
      assertThat(node.get("title").asText()).isNotBlank();
      assertThat(node.get("published").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(node.get("summary").asText().length()).isLessThanOrEqualTo(350);
    }
  }

  @Test
  void backfillPrintsTheLatestEntriesOfAFirstPollInstead() {
    serveSnapshot(Resources.SNAPSHOTS[0]);
    CommandRun run = pollOnce("--backfill", "2");
    assertThat(run.entryLines()).hasSize(8);
    assertThat(run.err()).doesNotContain("already published");
    assertThat(pollOnce("--backfill", "2").out()).isEmpty();
  }

  @Test
  void quietPrintsOnlyEntriesAndErrors() {
    serveSnapshot(Resources.SNAPSHOTS[0]);
    server.respond("/planet-plone.xml", 404, "gone fishing", Map.of());
    CommandRun quiet = pollOnce("-q");
    assertThat(quiet.out()).isEmpty();
    assertThat(quiet.err().lines()).containsExactly("planet-plone: HTTP 404 Not Found");

    serveSnapshot(Resources.SNAPSHOTS[1]);
    CommandRun next = pollOnce("--quiet");
    // planet-plone failed its first poll: this one is its baseline, and prints nothing
    assertThat(next.entryLines()).hasSize(9).noneMatch(l -> l.startsWith("[planet-plone]"));
    assertThat(next.err()).isEmpty();
    assertThat(pollOnce("-v", "-q").err())
        .isEqualTo("orrery: -v and -q do not go together: choose one\n");
  }

  @Test
  void countsAreWrittenAsPeopleSayThem() throws IOException {
    String one =
        "<rss version=\"2.0\"><channel><title>One</title><item><title>Only</title>"
            + "<guid>only</guid></item></channel></rss>";
    server.serve("/planet-plone.xml", one.getBytes(StandardCharsets.UTF_8));
    assertThat(pollOnce().err()).contains("planet-plone: 1 entry already published");
  }

  @Test
  void aFailingSourceIsReportedOnStderrAndTheOthersStillPrint() {
    serveSnapshot(Resources.SNAPSHOTS[0]);
    server.respond("/planet-plone.xml", 404, "gone fishing", Map.of());
    CommandRun run = pollOnce();
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .filteredOn(l -> !l.contains(" WARN "))
        .containsExactly(
            "django-community: 3 entries already published, watching for new ones",
            "planet-plone: HTTP 404 Not Found",
            "planet-python: 3 entries already published, watching for new ones",
            "planet-twisted: 3 entries already published, watching for new ones");
  }

  @Test
  void aBurstOverTheCapEndsWithOneLineCountingTheRest() throws IOException {
    Files.writeString(
        config,
        Files.readString(config).replace("deliver.max-per-poll=10", "deliver.max-per-poll=2"));
    serveSnapshot(Resources.SNAPSHOTS[0]);
    pollOnce();
    serveSnapshot(Resources.SNAPSHOTS[1]);
    CommandRun run = pollOnce();
    assertThat(run.entryLines())
        .filteredOn(l -> l.contains("…and "))
        .hasSize(4)
        .allMatch(l -> l.contains("…and 1 more new post in "));
    assertThat(run.entryLines()).hasSize(4 * 2 + 4);
  }

  @Test
  void aBackfillOutOfRangeIsRefusedBeforeAnythingHappens() {
    CommandRun run = pollOnce("--backfill", "500");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--backfill 500 is out of range: use 0 to 50");
    assertThat(Files.exists(dir.resolve("orrery.db"))).isFalse();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aConfigurationWithoutSourcesSaysWhatToAdd() throws IOException {
    Files.writeString(
        config,
        "database.url=jdbc:sqlite:" + dir.resolve("orrery.db") + "\n" + BuiltInsRemoved.text());
    CommandRun run = pollOnce();
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "has no sources: the built-in ones are removed (sources.<name>.enabled=false) and none"
                + " is added: add sources.<name>.url=<feed URL>");
  }
}
