package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.store.ConsoleLock;
import dev.orrery.store.Database;
import dev.orrery.store.EmbeddedPostgresql;
import dev.orrery.store.Feed;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orrery migrate}: a bot's SQLite database, filled through the real stores, copied into the
 * test JVM's real PostgreSQL and read back through the same stores.
 */
class MigrateCommandTest {
  static final Map<String, String> ENV =
      Map.of("ORRERY_DATABASE_PASSWORD", EmbeddedPostgresql.PASSWORD.reveal());

  @TempDir Path dir;
  Path config;
  Config.Database sqlite;

  @BeforeEach
  void fillSqlite() throws IOException {
    sqlite = new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 2);
    try (Database db = Database.open(sqlite)) {
      new MigrationSample(db).fill();
    }
    config = dir.resolve("bot.properties");
    Files.write(config, List.of("database.url=" + sqlite.url()));
  }

  CommandRun migrate(String url, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "migrate",
                "--to",
                url,
                "--username",
                EmbeddedPostgresql.USER,
                "--config",
                config.toString()));
    args.addAll(List.of(more));
    return CommandRun.of(ENV, args.toArray(String[]::new));
  }

  static Config.Database postgresql(String url) {
    return new Config.Database(url, 2, EmbeddedPostgresql.USER, EmbeddedPostgresql.PASSWORD);
  }

  @Test
  void everyRowArrivesWithItsIdsAndValuesAndTheCountsArePrinted() {
    String url = EmbeddedPostgresql.emptyDatabase();

    CommandRun run = migrate(url);

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.lines()).first().asString().matches("table +sqlite +postgresql");
    assertThat(run.lines())
        .contains(
            String.format("%-16s  %10s  %10s", "feeds", 2, 2),
            String.format("%-16s  %10s  %10s", "entries", 6, 6),
            String.format("%-16s  %10s  %10s", "subscriptions", 3, 3),
            String.format("%-16s  %10s  %10s", "webhooks", 1, 1),
            String.format("%-16s  %10s  %10s", "nodes", 1, 1),
            String.format("%-16s  %10s  %10s", "shard_leases", 1, 1))
        .anyMatch(l -> l.startsWith("deliveries "))
        .anyMatch(l -> l.startsWith("digests "))
        .noneMatch(l -> l.contains("differs"));
    assertThat(run.err())
        .contains("orrery migrate: copied 6 rows of entries")
        .contains("every table arrived whole in the PostgreSQL database");
    try (Database from = Database.open(sqlite);
        Database to = Database.open(postgresql(url))) {
      Map<String, Object> copied = new MigrationSample(to).readBack();
      assertThat(copied).isEqualTo(new MigrationSample(from).readBack());
      assertThat(copied)
          .extractingByKey("delivery states")
          .asInstanceOf(InstanceOfAssertFactories.LIST)
          .as("pending, held, skipped, sent and failed deliveries")
          .doesNotContain(0);
    }
  }

  @Test
  void tablesOfSeveralBatchesArriveWhole() {
    try (Database from = Database.open(sqlite)) {
      new MigrationSample(from).discover(2_345);
    }
    String url = EmbeddedPostgresql.newDatabase();

    CommandRun run = migrate(url);

    assertThat(run.status()).as(run.err()).isZero();
    // each new entry is a delivery for both channels of the news feed
    assertThat(run.lines())
        .contains(
            String.format("%-16s  %10s  %10s", "entries", 2_351, 2_351),
            String.format("%-16s  %10s  %10s", "deliveries", 10 + 2 * 2_345, 10 + 2 * 2_345));
    try (Database from = Database.open(sqlite);
        Database to = Database.open(postgresql(url))) {
      assertThat(new MigrationSample(to).readBack())
          .isEqualTo(new MigrationSample(from).readBack());
    }
  }

  @Test
  void customisedSettingsAndBooleansSurviveTheCopy() {
    String url = EmbeddedPostgresql.newDatabase();
    assertThat(migrate(url).status()).isZero();
    try (Database to = Database.open(postgresql(url))) {
      Subscription shaped =
          new SubscriptionStore(to).forChannel(MigrationSample.SHAPED_CHANNEL).get(0);
      assertThat(shaped.embed()).isFalse();
      assertThat(shaped.filter()).isEqualTo("title:rust");
      assertThat(shaped.appearance().name()).isEqualTo("Rusty");
      assertThat(shaped.digest().zone().getId()).isEqualTo("Europe/Paris");
      assertThat(new SubscriptionStore(to).forChannel(MigrationSample.PLAIN_CHANNEL).get(0).embed())
          .isTrue();
    }
  }

  @Test
  void rowsAddedOnPostgresqlAfterTheCopyGetIdsPastTheCopiedOnes() {
    String url = EmbeddedPostgresql.newDatabase();
    assertThat(migrate(url).status()).isZero();
    try (Database to = Database.open(postgresql(url))) {
      Feed added =
          new FeedStore(to).findOrCreate("https://example.org/new.xml", MigrationSample.T0);
      assertThat(added.id()).isEqualTo(3);
      SubscriptionStore subscriptions = new SubscriptionStore(to);
      Subscription subscribed =
          subscriptions.create(1, 99, added.id(), null, null, MigrationSample.T0).orElseThrow();
      assertThat(subscribed.id()).isEqualTo(4);
    }
  }

  @Test
  void aTargetThatHoldsRowsIsRefusedAndLeftAsItWas() {
    String url = EmbeddedPostgresql.newDatabase();
    try (Database to = Database.open(postgresql(url))) {
      new FeedStore(to).findOrCreate("https://example.org/already.xml", MigrationSample.T0);
    }

    CommandRun run = migrate(url);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(
            "orrery migrate: the PostgreSQL database "
                + url.substring(url.lastIndexOf('/') + 1)
                + " at localhost:"
                + EmbeddedPostgresql.port()
                + " already holds 1 row in feeds: migrate only into an empty database");
    try (Database to = Database.open(postgresql(url))) {
      FeedStore feeds = new FeedStore(to);
      assertThat(feeds.findByUrl("https://example.org/already.xml")).isPresent();
      assertThat(feeds.findByUrl("https://example.org/news.xml")).isEmpty();
    }
  }

  @Test
  void aPostgresqlDatabaseUrlIsNotASourceToCopyFrom() throws IOException {
    Files.write(config, List.of("database.url=" + EmbeddedPostgresql.newDatabase()));

    CommandRun run = migrate(EmbeddedPostgresql.newDatabase());

    assertThat(run.status()).isEqualTo(Main.USAGE);
    assertThat(run.err())
        .contains(
            "orrery migrate: database.url is the database to copy, but it names a PostgreSQL"
                + " database: migrate copies from SQLite: set database.url to the bot's SQLite"
                + " file");
  }

  @Test
  void aToThatIsNotAPostgresqlUrlIsRefusedWithoutShowingIt() {
    CommandRun run = migrate("jdbc:mysql://db/orrery?password=hunter2");

    assertThat(run.status()).isEqualTo(Main.USAGE);
    assertThat(run.err())
        .isEqualTo(
            "orrery migrate: --to is not a PostgreSQL JDBC URL such as"
                + " jdbc:postgresql://localhost:5432/orrery\n");
  }

  @Test
  void aWrongPasswordNamesTheOptionAndTheVariableToCheck() {
    String url = EmbeddedPostgresql.newDatabase();
    CommandRun run =
        CommandRun.of(
            Map.of("ORRERY_DATABASE_PASSWORD", "not-the-password"),
            "migrate",
            "--to",
            url,
            "--username",
            EmbeddedPostgresql.USER,
            "--config",
            config.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "orrery: store: unable to open the database: cannot connect to PostgreSQL at"
                + " localhost:"
                + EmbeddedPostgresql.port()
                + " (authentication failed for user orrery): check --username and"
                + " ORRERY_DATABASE_PASSWORD\n");
  }

  @Test
  void aDatabaseThatDoesNotExistIsToBeCreatedOrTheUrlCorrected() {
    CommandRun run = migrate(EmbeddedPostgresql.url(EmbeddedPostgresql.port(), "nowhere"));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "orrery: store: unable to open the database: the PostgreSQL database nowhere at"
                + " localhost:"
                + EmbeddedPostgresql.port()
                + " does not exist: create it, or correct --to\n");
  }

  @Test
  void aServerThatDoesNotAnswerIsNamedWithTheOptionToCheck() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    CommandRun run = migrate(EmbeddedPostgresql.url(closed, "orrery"));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "orrery: store: unable to open the database: cannot connect to PostgreSQL at"
                + " localhost:"
                + closed
                + " (connection refused): check that the server runs and --to names it\n");
  }

  @Test
  void aSourceThatAnOrreryPollIsUsingIsNotCopied() throws InterruptedException {
    String url = EmbeddedPostgresql.newDatabase();
    CommandRun run;
    try (Database from = Database.open(sqlite);
        ConsoleLock poll = from.lockConsole(() -> {})) {
      run = migrate(url);
    }

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("orrery migrate: an orrery poll is using " + dir.resolve("orrery.db"));
    try (Database to = Database.open(postgresql(url))) {
      assertThat(new FeedStore(to).findByUrl("https://example.org/news.xml")).isEmpty();
    }
  }

  @Test
  void aRowPostgresqlRefusesLeavesTheTargetEmpty() {
    try (Database from = Database.open(sqlite)) {
      // SQLite keeps a NUL character in text; PostgreSQL refuses it
      new FeedStore(from).findOrCreate("https://example.org/\u0000.xml", MigrationSample.T0);
    }
    String url = EmbeddedPostgresql.newDatabase();

    CommandRun run = migrate(url);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("orrery: store: unable to copy the rows of feeds into the PostgreSQL database");
    try (Database to = Database.open(postgresql(url))) {
      assertThat(new FeedStore(to).findByUrl("https://example.org/news.xml")).isEmpty();
    }
  }

  @Test
  void helpSaysToStopTheBotAndWhereThePasswordComesFrom() {
    CommandRun run = CommandRun.of("migrate", "--help");

    assertThat(run.status()).isZero();
    assertThat(run.out().replaceAll("\\s+", " "))
        .contains("Stop the bot and any orrery poll first")
        .contains("the password is ORRERY_DATABASE_PASSWORD")
        .contains("--username=USER")
        .doesNotContain("--password");
  }
}
