package dev.orrery.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  static final String TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret-part.abcdef";

  @TempDir Path dir;

  Path file(String... lines) throws IOException {
    Path path = dir.resolve("bot.properties");
    Files.writeString(path, String.join("\n", lines));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    return path;
  }

  Config load(Map<String, String> env, String... lines) throws Exception {
    return new ConfigLoader(env).load(file(lines), true);
  }

  Config load(String... lines) throws Exception {
    return load(Map.of(), lines);
  }

  ConfigException problems(String... lines) throws IOException {
    return problems(Map.of(), lines);
  }

  ConfigException problems(Map<String, String> env, String... lines) throws IOException {
    try {
      new ConfigLoader(env).load(file(lines), true);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected the configuration to be refused");
  }

  @Test
  void aTokenAloneGivesEveryDefault() throws Exception {
    Config config = load("discord.token=" + TOKEN);
    assertThat(config.discord().token().reveal()).isEqualTo(TOKEN);
    assertThat(config.discord().guildIds()).isEmpty();
    assertThat(config.discord().apiBaseUrl()).isEqualTo(URI.create("https://discord.com/api/v10/"));
    assertThat(config.discord().gatewayUrl()).isEqualTo(URI.create("wss://gateway.discord.gg/"));
    assertThat(config.discord().startTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.database()).isEqualTo(new Config.Database("jdbc:sqlite:data/orrery.db", 4));
    assertThat(config.poll())
        .isEqualTo(
            new Config.Poll(
                Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1), 4, 64));
    assertThat(config.http().timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.http().maxBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(config.http().allowPrivateAddresses()).isFalse();
    assertThat(config.http().userAgent()).startsWith("Orrery/").contains("(+https://");
    assertThat(config.deliverMaxPerPoll()).isEqualTo(5);
    assertThat(config.summaryMaxLength()).isEqualTo(350);
    assertThat(config.logLevel()).isEqualTo("INFO");
    assertThat(config.logFormat()).isEqualTo("text");
    assertThat(config.discord().startTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.sources().values()).containsExactlyInAnyOrderElementsOf(BuiltInSources.ALL);
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void everyKeyIsRead() throws Exception {
    Config config =
        load(
            "discord.token=" + TOKEN,
            "discord.guild-ids=123456789012345678, 223456789012345678",
            "discord.api-base-url=http://127.0.0.1:9000/api/v10/",
            "discord.gateway-url=ws://127.0.0.1:9001/",
            "discord.start-timeout=30s",
            "database.url=jdbc:sqlite:" + dir.resolve("x.db"),
            "database.pool-size=2",
            "poll.interval=2h",
            "poll.min-interval=5m",
            "poll.threads=8",
            "poll.partitions=16",
            "http.user-agent=TestBot/1",
            "http.timeout=5s",
            "http.max-bytes=512KB",
            "http.allow-private-addresses=true",
            "deliver.max-per-poll=3",
            "summary.max-length=200",
            "log.level=debug",
            "log.format=JSON",
            "sources.planet-python.url=https://planetpython.org/rss20.xml",
            "sources.planet-python.title=Planet Python",
            "sources.planet-python.color=#3776ab",
            "subscriptions.1.channel=323456789012345678",
            "subscriptions.1.source=planet-python",
            "subscriptions.2.channel=423456789012345678",
            "subscriptions.2.source=https://example.org/feed.xml");
    assertThat(config.discord().guildIds())
        .containsExactly(123456789012345678L, 223456789012345678L);
    assertThat(config.discord().apiBaseUrl()).hasPort(9000);
    assertThat(config.discord().gatewayUrl()).hasScheme("ws");
    assertThat(config.discord().startTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.database().poolSize()).isEqualTo(2);
    assertThat(config.poll())
        .isEqualTo(
            new Config.Poll(
                Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofHours(2), 8, 16));
    assertThat(config.http())
        .isEqualTo(new Config.Http("TestBot/1", Duration.ofSeconds(5), 512 * 1024, true));
    assertThat(config.deliverMaxPerPoll()).isEqualTo(3);
    assertThat(config.summaryMaxLength()).isEqualTo(200);
    assertThat(config.logLevel()).isEqualTo("DEBUG");
    assertThat(config.logFormat()).isEqualTo("json");
    assertThat(config.source("planet-python"))
        .contains(
            new Config.Source(
                "planet-python",
                URI.create("https://planetpython.org/rss20.xml"),
                "Planet Python",
                0x3776ab));
    assertThat(config.subscriptions())
        .containsExactly(
            new Config.ChannelSubscription("1", 323456789012345678L, "planet-python"),
            new Config.ChannelSubscription(
                "2", 423456789012345678L, "https://example.org/feed.xml"));
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void theEnvironmentOverridesTheFile() throws Exception {
    Config config =
        load(
            Map.of(
                "ORRERY_POLL_INTERVAL",
                "30m",
                "ORRERY_HTTP_MAX_BYTES",
                "1MB",
                "ORRERY_SOURCES_PLANET_PYTHON_TITLE",
                "PP",
                "ORRERY_DISCORD_TOKEN",
                TOKEN),
            "poll.interval=10m",
            "sources.planet-python.url=https://planetpython.org/rss20.xml",
            "sources.planet-python.title=Planet Python");
    assertThat(config.poll().interval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.http().maxBytes()).isEqualTo(1L << 20);
    assertThat(config.source("planet-python").orElseThrow().title()).isEqualTo("PP");
    assertThat(config.discord().token().reveal()).isEqualTo(TOKEN);
  }

  @Test
  void discordTokenFromTheEnvironmentIsAccepted() throws Exception {
    Config config = load(Map.of("DISCORD_TOKEN", TOKEN), "discord.token=");
    assertThat(config.discord().token().reveal()).isEqualTo(TOKEN);
  }

  @Test
  void aFileThatMayBeAbsentIsNotNeededWhenTheEnvironmentHasTheRest() throws Exception {
    Config config =
        new ConfigLoader(Map.of("DISCORD_TOKEN", TOKEN))
            .loadIfPresent(dir.resolve("absent.properties"), true);
    assertThat(config.discord().token().isEmpty()).isFalse();
    assertThat(config.provenance().fileFound()).isFalse();
  }

  @Test
  void aFileThatMustExistIsRefusedWhenAbsent() {
    Path absent = dir.resolve("absent.properties");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("DISCORD_TOKEN", TOKEN)).load(absent, true))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            absent
                + " does not exist: check the path given to --config, or leave --config out to"
                + " read ./bot.properties (which may be absent) and the environment");
  }

  @Test
  void eachValueSaysWhereItCameFrom() throws Exception {
    Path path = file("discord.token=" + TOKEN, "poll.threads=2", "sources.planet-plone.title=PL");
    Config config = new ConfigLoader(Map.of("ORRERY_POLL_INTERVAL", "30m")).load(path, true);
    assertThat(config.provenance().settings())
        .contains(
            new Provenance.Setting("discord.token", "MTIz****", new Origin.File(path)),
            new Provenance.Setting("poll.threads", "2", new Origin.File(path)),
            new Provenance.Setting(
                "poll.interval", "30m", new Origin.Variable("ORRERY_POLL_INTERVAL")),
            new Provenance.Setting("poll.min-interval", "1m", new Origin.Default()),
            new Provenance.Setting("http.max-bytes", "5MB", new Origin.Default()),
            new Provenance.Setting("sources.planet-plone.title", "PL", new Origin.File(path)),
            new Provenance.Setting(
                "sources.planet-plone.url",
                "https://planet.plone.org/rss20.xml",
                new Origin.Default()));
    assertThat(config.provenance().readFrom()).isEqualTo(path + " and the environment");
  }

  @Test
  void aMissingTokenSaysHowToGetOne() throws Exception {
    ConfigException e = problems("poll.interval=10m");
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("discord.token is not set")
        .contains("https://discord.com/developers/applications", "DISCORD_TOKEN");
  }

  @Test
  void theConsoleModeNeedsNoToken() throws Exception {
    Config config = new ConfigLoader(Map.of()).load(file("poll.interval=10m"), false);
    assertThat(config.discord().token().isEmpty()).isTrue();
  }

  @Test
  void eachBadValueIsNamedWithWhatIsAccepted() throws Exception {
    ConfigException e =
        problems(
            "discord.token=" + TOKEN,
            "discord.guild-ids=12345",
            "discord.api-base-url=ftp://example.org/",
            "discord.gateway-url=not a url",
            "discord.start-timeout=0s",
            "database.url=jdbc:mysql://localhost/orrery",
            "database.pool-size=0",
            "poll.interval=often",
            "poll.threads=1000",
            "http.timeout=0s",
            "http.max-bytes=lots",
            "http.allow-private-addresses=maybe",
            "deliver.max-per-poll=-1",
            "summary.max-length=10",
            "log.level=LOUD",
            "log.format=yaml");
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "discord.guild-ids = '12345' is not valid: use a comma-separated list of server IDs (17"
                + " to 20 digits)",
            "discord.api-base-url = 'ftp://example.org/' is not valid: use an absolute http or"
                + " https URL",
            "discord.gateway-url = 'not a url' is not valid: use an absolute ws or wss URL",
            "discord.start-timeout = '0s' is not valid: use a duration from 1s to 7d, written like"
                + " 30s, 10m or 1h",
            "database.url = 'jdbc:mysql://localhost/orrery' is not valid: use a SQLite JDBC URL"
                + " such as jdbc:sqlite:data/orrery.db, or a PostgreSQL one such as"
                + " jdbc:postgresql://localhost:5432/orrery",
            "database.pool-size = '0' is not valid: use a whole number from 1 to 64",
            "poll.interval = 'often' is not valid: use a duration from 1s to 7d, written like 30s,"
                + " 10m or 1h",
            "poll.threads = '1000' is not valid: use a whole number from 1 to 64",
            "http.timeout = '0s' is not valid: use a duration from 1s to 7d, written like 30s, 10m"
                + " or 1h",
            "http.max-bytes = 'lots' is not valid: use a size from 1 KB to 1 GB, written like 512KB"
                + " or 5MB",
            "http.allow-private-addresses = 'maybe' is not valid: use true or false",
            "deliver.max-per-poll = '-1' is not valid: use a whole number from 1 to 50",
            "summary.max-length = '10' is not valid: use a whole number from 50 to 4000",
            "log.level = 'LOUD' is not valid: use one of TRACE, DEBUG, INFO, WARN, ERROR",
            "log.format = 'yaml' is not valid: use one of text, json");
  }

  @Test
  void pollPartitionsOutsideOneTo1024AreRefusedWithTheRange() throws IOException {
    for (String value : new String[] {"0", "1025", "-3", "many"}) {
      ConfigException e = problems("discord.token=" + TOKEN, "poll.partitions=" + value);
      assertThat(e.problems())
          .containsExactly(
              "poll.partitions = '" + value + "' is not valid: use a whole number from 1 to 1024");
    }
  }

  @Test
  void fewerPartitionsThanPollThreadsOnPostgresqlDrawAWarning() throws Exception {
    Config config =
        load(
            "discord.token=" + TOKEN,
            "database.url=jdbc:postgresql://localhost:5432/orrery",
            "poll.threads=8",
            "poll.partitions=2");
    assertThat(config.poll().partitions()).isEqualTo(2);
    assertThat(config.warnings())
        .containsExactly(
            "poll.partitions = 2 is fewer than poll.threads = 8: a partition polls one feed at a"
                + " time, so threads stay idle; raise poll.partitions");
    Config sqlite = load("discord.token=" + TOKEN, "poll.threads=8", "poll.partitions=2");
    assertThat(sqlite.warnings()).isEmpty();
  }

  @Test
  void aNodeIsNamedAfterItsHostAndProcessUnlessConfiguredAndLeasesLast15Seconds() throws Exception {
    Config config = load("discord.token=" + TOKEN);
    assertThat(config.cluster().nodeName())
        .endsWith("-" + ProcessHandle.current().pid())
        .matches("[A-Za-z0-9][A-Za-z0-9._:@-]*");
    assertThat(config.cluster().renewEvery()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.cluster().lease()).isEqualTo(Duration.ofSeconds(15));

    Config named =
        load(
            "discord.token=" + TOKEN,
            "cluster.node-name=bot-1.eu",
            "cluster.renew-every=500ms",
            "cluster.lease=2s");
    assertThat(named.cluster())
        .isEqualTo(new Config.Cluster("bot-1.eu", Duration.ofMillis(500), Duration.ofSeconds(2)));
  }

  @Test
  void aBadNodeNameOrALeaseTooShortForItsRenewalsIsRefused() throws Exception {
    ConfigException e =
        problems("discord.token=" + TOKEN, "cluster.node-name=bot 1", "cluster.lease=0s");
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "cluster.node-name = 'bot 1' is not valid: use up to 100 letters, digits and . _ : @"
                + " -, starting with a letter or digit",
            "cluster.lease = '0s' is not valid: use a duration from 300ms to 7d, written like 30s,"
                + " 10m or 1h");

    e = problems("discord.token=" + TOKEN, "cluster.renew-every=5s", "cluster.lease=10s");
    assertThat(e.problems())
        .containsExactly(
            "cluster.lease = 10s is shorter than 3 times cluster.renew-every = 5s: one late"
                + " renewal would lose the shards; lengthen cluster.lease or shorten"
                + " cluster.renew-every");
  }

  @Test
  void aPollIntervalUnderAMinuteWorksWithAWarning() throws Exception {
    Config config = load("discord.token=" + TOKEN, "poll.interval=2s");
    assertThat(config.poll().interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.poll().minInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.warnings())
        .singleElement()
        .asString()
        .startsWith("poll.interval = 2s polls feeds more than once a minute");
  }

  @Test
  void theLongestIntervalIsAnHourOrTheIntervalWhenThatIsLongerOrUnderAMinute() throws Exception {
    assertThat(load("discord.token=" + TOKEN).poll().maxInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(load("discord.token=" + TOKEN, "poll.interval=3h").poll().maxInterval())
        .isEqualTo(Duration.ofHours(3));
    assertThat(load("discord.token=" + TOKEN, "poll.interval=2s").poll().maxInterval())
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(load("discord.token=" + TOKEN, "poll.max-interval=6h").poll().maxInterval())
        .isEqualTo(Duration.ofHours(6));
  }

  @Test
  void aLongestIntervalShorterThanTheShortestIsRefused() throws Exception {
    ConfigException e =
        problems("discord.token=" + TOKEN, "poll.min-interval=5m", "poll.max-interval=2m");
    assertThat(e.problems())
        .containsExactly(
            "poll.max-interval = 2m is shorter than poll.min-interval = 5m: set poll.max-interval"
                + " to poll.min-interval or more");
  }

  @Test
  void aLongestIntervalShorterThanTheUsualOneIsRefused() throws Exception {
    ConfigException e =
        problems("discord.token=" + TOKEN, "poll.interval=2h", "poll.max-interval=30m");
    assertThat(e.problems())
        .containsExactly(
            "poll.max-interval = 30m is shorter than poll.interval = 2h: set poll.max-interval"
                + " to poll.interval or more");
  }

  @Test
  void aLongestIntervalThatIsNoDurationIsRefusedByName() throws Exception {
    ConfigException e = problems("discord.token=" + TOKEN, "poll.max-interval=hourly");
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("poll.max-interval = 'hourly' is not valid: use a duration from 1s");
  }

  @Test
  void aSourceMaySetItsOwnInterval() throws Exception {
    Config config =
        load(
            "discord.token=" + TOKEN,
            "sources.a.url=https://example.org/rss",
            "sources.a.interval=30m");
    assertThat(config.source("a").orElseThrow().interval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.source("planet-python").orElseThrow().interval()).isNull();
  }

  @Test
  void aSourceIntervalUnderTheShortestIsRaisedWithAWarning() throws Exception {
    Config config =
        load(
            "discord.token=" + TOKEN,
            "sources.a.url=https://example.org/rss",
            "sources.a.interval=10s");
    assertThat(config.warnings())
        .containsExactly(
            "sources.a.interval = 10s is shorter than poll.min-interval = 1m: the source is polled"
                + " every 1m");
  }

  @Test
  void aSourceIntervalThatIsNoDurationIsRefusedByName() throws Exception {
    ConfigException e =
        problems(
            "discord.token=" + TOKEN,
            "sources.a.url=https://example.org/rss",
            "sources.a.interval=0s");
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("sources.a.interval = '0s' is not valid: use a duration from 1s");
  }

  @Test
  void aMinimumLongerThanTheIntervalIsRefused() throws Exception {
    ConfigException e =
        problems("discord.token=" + TOKEN, "poll.interval=5m", "poll.min-interval=10m");
    assertThat(e.problems())
        .containsExactly(
            "poll.min-interval = 10m is longer than poll.interval = 5m: set poll.min-interval to"
                + " poll.interval or less");
  }

  @Test
  void badSourcesAndSubscriptionsAreNamed() throws Exception {
    ConfigException e =
        problems(
            "discord.token=" + TOKEN,
            "sources.Planet_Python.url=https://planetpython.org/rss20.xml",
            "sources.no-url.title=Nothing",
            "sources.bad-color.url=https://example.org/rss",
            "sources.bad-color.color=blue",
            "sources.bad-url.url=file:///etc/passwd",
            "subscriptions.a.channel=general",
            "subscriptions.a.source=bad-color",
            "subscriptions.b.channel=523456789012345678",
            "subscriptions.b.source=nope");
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "sources.Planet_Python: the source name 'Planet_Python' must be 1 to 32 lower-case"
                + " letters, digits or dashes, like planet-python",
            "sources.no-url.url is missing: every source needs the address of its RSS or Atom feed",
            "sources.bad-color.color = 'blue' is not valid: use a colour as six hex digits, like"
                + " #3776ab",
            "sources.bad-url.url = 'file:///etc/passwd' is not valid: use an absolute http or https"
                + " URL",
            "subscriptions.a.channel = 'general' is not valid: use a channel ID (17 to 20 digits;"
                + " Discord: right-click the channel > Copy Channel ID)",
            "subscriptions.b.source = 'nope' is not valid: use a source name from sources.*"
                + " (bad-color, django-community, planet-plone, planet-python, planet-twisted) or"
                + " an http(s) feed URL");
  }

  @Test
  void anUnknownKeyIsAWarningNamingTheClosestKnownKey() throws Exception {
    Config config =
        load(
            "discord.token=" + TOKEN,
            "poll.intervall=5m",
            "completely.different=1",
            "sources.a.url=https://example.org/rss",
            "sources.a.colour=#ffffff");
    assertThat(config.warnings())
        .containsExactlyInAnyOrder(
            "poll.intervall is not a known key and is ignored; did you mean poll.interval?",
            "completely.different is not a known key and is ignored; see bot.properties.example for"
                + " the keys",
            "sources.a.colour is not a known key and is ignored; did you mean sources.a.color?");
    assertThat(config.poll().interval()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aPostgresqlDatabaseTakesItsUserFromTheFileAndItsPasswordFromTheEnvironment()
      throws Exception {
    Config config =
        load(
            Map.of("ORRERY_DATABASE_PASSWORD", "s3cret-pass"),
            "discord.token=" + TOKEN,
            "database.url=jdbc:postgresql://db.example:5432/orrery",
            "database.username=orrery");
    assertThat(config.database().url()).isEqualTo("jdbc:postgresql://db.example:5432/orrery");
    assertThat(config.database().username()).isEqualTo("orrery");
    assertThat(config.database().password().reveal()).isEqualTo("s3cret-pass");
    assertThat(config.toString()).doesNotContain("s3cret-pass");
  }

  @Test
  void theTokenNeverAppearsInProblemsOrToString() throws Exception {
    String spaced = "abc def-" + TOKEN;
    ConfigException e = problems("discord.token=" + spaced, "poll.interval=bad");
    assertThat(e.getMessage())
        .doesNotContain(spaced)
        .doesNotContain(TOKEN)
        .contains("discord.token contains white space");
    Config config = load("discord.token=" + TOKEN);
    assertThat(config.toString()).doesNotContain(TOKEN).doesNotContain("secret-part");
    assertThat(config.discord().token().masked()).isEqualTo("MTIz****");
  }

  @Test
  void theShippedExampleIsValidButForTheToken() throws Exception {
    Path example = Path.of("bot.properties.example");
    ConfigException e = null;
    try {
      new ConfigLoader(Map.of()).load(example, true);
    } catch (ConfigException thrown) {
      e = thrown;
    }
    assertThat(e).isNotNull();
    assertThat(e.problems()).singleElement().asString().startsWith("discord.token is not set");
    Config config = new ConfigLoader(Map.of("DISCORD_TOKEN", TOKEN)).load(example, true);
    assertThat(config.sources().keySet())
        .containsExactlyInAnyOrder(
            "planet-python", "django-community", "planet-twisted", "planet-plone");
    assertThat(config.source("planet-twisted").orElseThrow().url())
        .isEqualTo(URI.create("https://planet.twistedmatrix.com/rss20.xml"));
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void anUnreadableFileIsAProblemNotACrash() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("is-a-folder"));
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(folder, true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot be read");
  }

  @Test
  void aWorldReadableTokenFileGetsAdviceThatKeepsItReadableForOrrery() throws Exception {
    Path path = file("discord.token=" + TOKEN);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
    String gid = String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:gid"));
    assertThat(new ConfigLoader(Map.of()).load(path, true).warnings())
        .containsExactly(
            path
                + " holds the bot's token and can be read by every user of this machine: run chgrp "
                + gid
                + " "
                + path
                + " and chmod 640 "
                + path
                + ", so that only its owner and the group that runs Orrery (gid "
                + gid
                + ") can read it");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r-----"));
    assertThat(new ConfigLoader(Map.of()).load(path, true).warnings()).isEmpty();
    Path noToken = file("poll.interval=10m");
    Files.setPosixFilePermissions(noToken, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(new ConfigLoader(Map.of("DISCORD_TOKEN", TOKEN)).load(noToken, true).warnings())
        .isEmpty();
  }

  @Test
  void aByteOrderMarkBeforeTheFirstKeyIsNotPartOfIt() throws Exception {
    Config config = load("\ufeffdiscord.token=" + TOKEN, "poll.threads=2");
    assertThat(config.discord().token().reveal()).isEqualTo(TOKEN);
    assertThat(config.poll().threads()).isEqualTo(2);
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void aSizeTooLargeToCountIsRefusedNamingTheMaximum() throws Exception {
    ConfigException e = problems("discord.token=" + TOKEN, "http.max-bytes=17179869185GB");
    assertThat(e.problems())
        .containsExactly(
            "http.max-bytes = '17179869185GB' is not valid: use a size from 1 KB to 1 GB, written"
                + " like 512KB or 5MB");
  }

  @Test
  void numbersTakeOnlyAsciiDigitsAndNoSign() throws Exception {
    ConfigException e =
        problems(
            "discord.token=" + TOKEN,
            "poll.threads=\uff15",
            "summary.max-length=\u0663\u0660\u0660",
            "database.pool-size=+4",
            "http.timeout=\uff12\uff10s",
            "http.max-bytes=\u0665MB",
            "deliver.max-per-poll=3\u00a0");
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "poll.threads = '\uff15' is not valid: use a whole number from 1 to 64; the value holds"
                + " U+FF15 FULLWIDTH DIGIT FIVE, write it with ASCII characters",
            "summary.max-length = '\u0663\u0660\u0660' is not valid: use a whole number from 50 to"
                + " 4000; the value holds U+0663 ARABIC-INDIC DIGIT THREE, write it with ASCII"
                + " characters",
            "database.pool-size = '+4' is not valid: use a whole number from 1 to 64",
            "http.timeout = '\uff12\uff10s' is not valid: use a duration from 1s to 7d, written"
                + " like 30s, 10m or 1h; the value holds U+FF12 FULLWIDTH DIGIT TWO, write it with"
                + " ASCII characters",
            "http.max-bytes = '\u0665MB' is not valid: use a size from 1 KB to 1 GB, written like"
                + " 512KB or 5MB; the value holds U+0665 ARABIC-INDIC DIGIT FIVE, write it with"
                + " ASCII characters",
            "deliver.max-per-poll = '3\u00a0' is not valid: use a whole number from 1 to 50; the"
                + " value holds U+00A0 NO-BREAK SPACE, write it with ASCII characters");
  }

  @Test
  void numbersTooLargeToCountAreRefusedNamingTheRange() throws Exception {
    ConfigException e =
        problems(
            "discord.token=" + TOKEN,
            "poll.threads=4294967300",
            "poll.interval=9999999999999999d",
            "discord.guild-ids=99999999999999999999",
            "subscriptions.1.channel=18446744073709551616",
            "subscriptions.1.source=https://example.org/feed.xml");
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "poll.threads = '4294967300' is not valid: use a whole number from 1 to 64",
            "poll.interval = '9999999999999999d' is not valid: use a duration from 1s to 7d,"
                + " written like 30s, 10m or 1h",
            "discord.guild-ids = '99999999999999999999' is not valid: use a comma-separated list of"
                + " server IDs (17 to 20 digits)",
            "subscriptions.1.channel = '18446744073709551616' is not valid: use a channel ID (17 to"
                + " 20 digits; Discord: right-click the channel > Copy Channel ID)");
  }

  @Test
  void anEmptyValueIsRefusedInsteadOfTakenForTheDefault() throws Exception {
    ConfigException e =
        problems(
            "discord.token=" + TOKEN,
            "http.timeout=",
            "database.url=",
            "poll.threads=",
            "http.max-bytes=",
            "http.allow-private-addresses=",
            "http.user-agent=",
            "discord.api-base-url=",
            "log.level");
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "http.timeout is empty: remove the line to use the default (20s), or give a value",
            "database.url is empty: remove the line to use the default"
                + " (jdbc:sqlite:data/orrery.db), or give a value",
            "poll.threads is empty: remove the line to use the default (4), or give a value",
            "http.max-bytes is empty: remove the line to use the default (5 MB), or give a value",
            "http.allow-private-addresses is empty: remove the line to use the default (false), or"
                + " give a value",
            "http.user-agent is empty: remove the line to use the default ("
                + ConfigKeys.DEFAULT_USER_AGENT
                + "), or give a value",
            "discord.api-base-url is empty: remove the line to use the default"
                + " (https://discord.com/api/v10/), or give a value",
            "log.level is empty: remove the line to use the default (INFO), or give a value");
  }

  @Test
  void anEmptyEnvironmentVariableIsRefusedNamingTheVariable() throws Exception {
    ConfigException e =
        problems(
            Map.of("ORRERY_HTTP_TIMEOUT", "", "ORRERY_DATABASE_URL", "  "),
            "discord.token=" + TOKEN,
            "http.timeout=5s");
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "ORRERY_HTTP_TIMEOUT (http.timeout) is empty: unset it to use the default (20s), or"
                + " give a value",
            "ORRERY_DATABASE_URL (database.url) is empty: unset it to use the default"
                + " (jdbc:sqlite:data/orrery.db), or give a value");
  }

  @Test
  void keysWithoutADefaultMayBeLeftEmpty() throws Exception {
    Config config =
        load(
            "discord.token=" + TOKEN,
            "discord.guild-ids=",
            "sources.a.url=https://example.org/rss",
            "sources.a.title=",
            "sources.a.color=");
    assertThat(config.discord().guildIds()).isEmpty();
    assertThat(config.source("a").orElseThrow())
        .isEqualTo(new Config.Source("a", URI.create("https://example.org/rss"), null, null));
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void aBadValueFromTheEnvironmentNamesTheVariable() throws Exception {
    ConfigException e =
        problems(Map.of("ORRERY_POLL_THREADS", "lots"), "discord.token=" + TOKEN, "poll.threads=2");
    assertThat(e.problems())
        .containsExactly(
            "poll.threads = 'lots' (from ORRERY_POLL_THREADS) is not valid: use a whole number from"
                + " 1 to 64");
  }

  @Test
  void aBodyCapTheHeapCannotParseIsRefusedNamingTheLargestThatFits() throws Exception {
    ConfigLoader shipped = new ConfigLoader(Map.of(), HeapBudgetTest.SHIPPED_HEAP);
    Path path = file("discord.token=" + TOKEN, "http.max-bytes=1GB");
    assertThatThrownBy(() -> shipped.load(path, true))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).problems())
        .asList()
        .containsExactly(
            "http.max-bytes = 1 GB is more than this process's heap (245 MB) can parse with"
                + " poll.threads = 4: at most 5 MB; lower http.max-bytes or poll.threads, or raise"
                + " -Xmx (it needs a heap of 45080 MB)");
    Config defaults = shipped.load(file("discord.token=" + TOKEN), true);
    assertThat(defaults.http().maxBytes()).isEqualTo(5L << 20);
    assertThat(defaults.poll().threads()).isEqualTo(4);
  }

  @Test
  void aValueAlreadyRefusedIsNotAlsoWeighedAgainstTheHeap() throws Exception {
    ConfigLoader small = new ConfigLoader(Map.of("ORRERY_POLL_THREADS", ""), 64L << 20);
    Path path = file("discord.token=" + TOKEN, "http.max-bytes=2GB");
    assertThatThrownBy(() -> small.load(path, true))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).problems())
        .asList()
        .containsExactlyInAnyOrder(
            "http.max-bytes = '2GB' is not valid: use a size from 1 KB to 1 GB, written like 512KB"
                + " or 5MB",
            "ORRERY_POLL_THREADS (poll.threads) is empty: unset it to use the default (4), or give"
                + " a value");
  }

  @Test
  void theEnvironmentBeatsTheFileForTheTokenToo() throws Exception {
    String other = "OTk5OTk5OTk5OTk5OTk5OTk5.other-part.zyxwvu";
    Config config = load(Map.of("DISCORD_TOKEN", other), "discord.token=" + TOKEN);
    assertThat(config.discord().token().reveal()).isEqualTo(other);
  }

  @Test
  void aMisspelledVariableIsWarnedAboutWithTheClosestOne() throws Exception {
    Config config =
        load(
            Map.of(
                "ORRERY_POLL_INTERVALL", "5m",
                "ORRERY_SOURCES_MY_BLOG_URLL", "https://blog.example.org/feed.xml",
                "ORRERY_COMPLETELY_DIFFERENT", "1"),
            "discord.token=" + TOKEN);
    assertThat(config.warnings())
        .containsExactlyInAnyOrder(
            "ORRERY_POLL_INTERVALL is not a known variable and is ignored; did you mean"
                + " ORRERY_POLL_INTERVAL?",
            "ORRERY_SOURCES_MY_BLOG_URLL is not a known variable and is ignored; did you mean"
                + " ORRERY_SOURCES_MY_BLOG_URL?",
            "ORRERY_COMPLETELY_DIFFERENT is not a known variable and is ignored; a variable is"
                + " ORRERY_ and a key of bot.properties.example in upper case, dots and dashes as"
                + " underscores");
    assertThat(config.poll().interval()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aRuleBetweenKeysNamesTheVariableAValueCameFrom() throws Exception {
    ConfigException e =
        problems(
            Map.of("ORRERY_POLL_MIN_INTERVAL", "10m"),
            "discord.token=" + TOKEN,
            "poll.interval=5m");
    assertThat(e.problems())
        .containsExactly(
            "poll.min-interval = 10m (from ORRERY_POLL_MIN_INTERVAL) is longer than poll.interval ="
                + " 5m: set poll.min-interval to poll.interval or less");
    ConfigLoader shipped =
        new ConfigLoader(Map.of("ORRERY_HTTP_MAX_BYTES", "1GB"), HeapBudgetTest.SHIPPED_HEAP);
    Path path = file("discord.token=" + TOKEN);
    assertThatThrownBy(() -> shipped.load(path, true))
        .isInstanceOf(ConfigException.class)
        .extracting(thrown -> ((ConfigException) thrown).problems())
        .asList()
        .singleElement()
        .asString()
        .startsWith("http.max-bytes = 1 GB (from ORRERY_HTTP_MAX_BYTES) is more than");
    Config fast = load(Map.of("ORRERY_POLL_INTERVAL", "2s"), "discord.token=" + TOKEN);
    assertThat(fast.warnings())
        .singleElement()
        .asString()
        .startsWith("poll.interval = 2s (from ORRERY_POLL_INTERVAL) polls feeds more than once");
  }

  @Test
  void unknownKeysAreWarnedAboutEvenWhenThereAreProblems() throws Exception {
    ConfigException e =
        problems(
            Map.of("ORRERY_POLL_INTERVALL", "5m"),
            "discord.token=" + TOKEN,
            "poll.threds=2",
            "poll.threads=lots");
    assertThat(e.problems())
        .containsExactly("poll.threads = 'lots' is not valid: use a whole number from 1 to 64");
    assertThat(e.warnings())
        .containsExactly(
            "poll.threds is not a known key and is ignored; did you mean poll.threads?",
            "ORRERY_POLL_INTERVALL is not a known variable and is ignored; did you mean"
                + " ORRERY_POLL_INTERVAL?");
  }

  @Test
  void anEmptyTokenVariableSaysItHidesTheFilesToken() throws Exception {
    ConfigException e = problems(Map.of("DISCORD_TOKEN", ""), "discord.token=" + TOKEN);
    assertThat(e.problems())
        .containsExactly(
            "DISCORD_TOKEN (discord.token) is empty: unset it to use the token in "
                + dir.resolve("bot.properties")
                + ", or give the token");
  }

  @Test
  void discordStartTimeoutIsADurationOfAtLeastASecondAndTwoMinutesByDefault() throws Exception {
    assertThat(load("discord.token=" + TOKEN).discord().startTimeout())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(load("discord.token=" + TOKEN, "discord.start-timeout=30s").discord().startTimeout())
        .isEqualTo(Duration.ofSeconds(30));
    ConfigException e =
        problems(Map.of("ORRERY_DISCORD_START_TIMEOUT", "500ms"), "discord.token=" + TOKEN);
    assertThat(e.problems())
        .containsExactly(
            "discord.start-timeout = '500ms' (from ORRERY_DISCORD_START_TIMEOUT) is not valid: use"
                + " a duration from 1s to 7d, written like 30s, 10m or 1h");
  }

  @Test
  void discordShardsIsAutoByDefaultOrAWholeNumber() throws Exception {
    assertThat(load("discord.token=" + TOKEN).discord().shards())
        .isEqualTo(Config.Discord.AUTO_SHARDS);
    assertThat(load("discord.token=" + TOKEN, "discord.shards=AUTO").discord().shards())
        .isEqualTo(Config.Discord.AUTO_SHARDS);
    assertThat(load("discord.token=" + TOKEN, "discord.shards=4").discord().shards()).isEqualTo(4);
    ConfigException e = problems(Map.of(), "discord.token=" + TOKEN, "discord.shards=0");
    assertThat(e.problems())
        .containsExactly(
            "discord.shards = '0' is not valid: use auto, or a whole number from 1 to 10000");
  }

  @Test
  void theFourPlanetsAreBuiltIn() throws Exception {
    Config config =
        new ConfigLoader(Map.of("DISCORD_TOKEN", TOKEN)).loadIfPresent(dir.resolve("absent"), true);
    assertThat(config.sources().keySet())
        .containsExactlyInAnyOrder(
            "planet-python", "django-community", "planet-twisted", "planet-plone");
    assertThat(config.source("planet-python"))
        .contains(
            new Config.Source(
                "planet-python",
                URI.create("https://planetpython.org/rss20.xml"),
                "Planet Python",
                0x3776ab));
    assertThat(config.source("django-community").orElseThrow().url())
        .isEqualTo(URI.create("https://www.djangoproject.com/rss/community/blogs/"));
    assertThat(config.source("planet-plone").orElseThrow().title()).isEqualTo("Planet Plone");
  }

  @Test
  void aBuiltInSourceIsChangedKeyByKeyAndRemovedWithEnabledFalse() throws Exception {
    Config config =
        load(
            Map.of("ORRERY_SOURCES_DJANGO_COMMUNITY_ENABLED", "false"),
            "discord.token=" + TOKEN,
            "sources.planet-python.title=PP",
            "sources.planet-plone.enabled=false");
    assertThat(config.sources().keySet())
        .containsExactlyInAnyOrder("planet-python", "planet-twisted");
    assertThat(config.source("planet-python").orElseThrow())
        .isEqualTo(
            new Config.Source(
                "planet-python", URI.create("https://planetpython.org/rss20.xml"), "PP", 0x3776ab));
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void sourcesAndSubscriptionsCanComeFromTheEnvironmentAlone() throws Exception {
    Config config =
        new ConfigLoader(
                Map.of(
                    "DISCORD_TOKEN", TOKEN,
                    "ORRERY_SOURCES_MY_BLOG_URL", "https://blog.example.org/feed.xml",
                    "ORRERY_SOURCES_MY_BLOG_TITLE", "My blog",
                    "ORRERY_SUBSCRIPTIONS_NEWS_CHANNEL", "323456789012345678",
                    "ORRERY_SUBSCRIPTIONS_NEWS_SOURCE", "my-blog"))
            .loadIfPresent(dir.resolve("absent"), true);
    assertThat(config.source("my-blog"))
        .contains(
            new Config.Source(
                "my-blog", URI.create("https://blog.example.org/feed.xml"), "My blog", null));
    assertThat(config.subscriptions())
        .containsExactly(new Config.ChannelSubscription("news", 323456789012345678L, "my-blog"));
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void aVariableOverridesTheFileKeyItIsNamedAfterWithoutMakingASecondSource() throws Exception {
    Config config =
        load(
            Map.of("ORRERY_SOURCES_MY_BLOG_TITLE", "From the environment"),
            "discord.token=" + TOKEN,
            "sources.my-blog.url=https://blog.example.org/feed.xml",
            "sources.my-blog.title=From the file");
    assertThat(config.source("my-blog").orElseThrow().title()).isEqualTo("From the environment");
    assertThat(config.sources()).hasSize(5);
  }
}
