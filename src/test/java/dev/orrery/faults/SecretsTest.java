package dev.orrery.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.Guild;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.Webhook;
import dev.orrery.store.Database;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.Await;
import dev.orrery.testing.BuiltInsRemoved;
import dev.orrery.testing.FeedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, item 6: the token never reaches the terminal, whatever happens (a normal run at DEBUG, a
 * 5xx storm, a refused token, bad configuration, the console commands), and a bot.properties that
 * every user may read is warned about at start.
 */
class SecretsTest {
  /** Three segments like a real token, each distinctive enough that any 8 characters are a leak. */
  static final String TOKEN = "T3JyZXJ5U2VjcmV0c1Rlc3Q5.Zk9q2w.Sekrit-8vN3pLm2Yt5RbQx7Kw_Zr4Hd";

  private static final String WORLD_READABLE_WARNING =
      "holds the bot's token and can be read by every user of this machine: run chgrp";
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void aRunThroughA5xxStormAtDebugLevelNeverPrintsTheToken() throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start();
        FeedServer server = new FeedServer()) {
      Guild guild = discord.createGuild("Secrets");
      Channel news = discord.createTextChannel(guild, "news");
      SyntheticFeed feed = new SyntheticFeed("secret-feed", server.url("/"));
      feed.addBaseline(2);
      server.serve(feed.path, feed.rss());
      Path config =
          config(
              discord,
              "rw-r--r--",
              "log.level=DEBUG",
              "poll.interval=1s",
              "http.allow-private-addresses=true",
              "sources.secret-feed.url=" + server.url(feed.path),
              "subscriptions.1.channel=" + news.id(),
              "subscriptions.1.source=secret-feed");
      // the first requests of the login fail: JDA has to retry them
      discord.failNextRequests(3, 502, "GET users/@me");
      try (BotProcess bot =
          BotProcess.start(
              dir.resolve("run.log"), Map.of(), "run", "--config", config.toString())) {
        discord.awaitIdentifies(1, WAIT);
        Await.until(
            WAIT,
            "the configured subscription\n" + bot.output(),
            () -> bot.output().contains("subscribed #news to secret-feed"));
        // a storm of server errors while an entry is being posted, then it goes through
        discord.failNextRequests(5, 503, "POST channels/*/messages");
        feed.addNew(1);
        server.serve(feed.path, feed.rss());
        discord.awaitMessages(news, 1, WAIT);
        assertThat(bot.terminate()).as(bot.output()).isZero();
        String output = bot.output();
        assertThat(output).contains("Logged in to Discord", "retrying at");
        assertThat(discord.requests("GET users/@me")).filteredOn(r -> r.status() == 502).hasSize(3);
        assertThat(discord.requests("POST channels/*/messages"))
            .filteredOn(r -> r.status() == 503)
            .hasSize(5);
        assertThat(output).contains("bot.properties " + WORLD_READABLE_WARNING);
        assertThat(output.indexOf(WORLD_READABLE_WARNING))
            .isLessThan(output.indexOf("Logged in to Discord"));
        assertNoPartOfTheToken(output);
      }
    }
  }

  @Test
  void aWebhookTokenNeverReachesTheLogWhenItsWebhookIsDeletedOrAnAnswerLost() throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start();
        FeedServer server = new FeedServer()) {
      Guild guild = discord.createGuild("Secrets");
      discord.assignRole(
          discord.botMember(guild),
          discord.createRole(guild, "webhooks", Permissions.MANAGE_WEBHOOKS));
      Channel news = discord.createTextChannel(guild, "news");
      SyntheticFeed feed = new SyntheticFeed("secret-feed", server.url("/"));
      feed.addBaseline(2);
      server.serve(feed.path, feed.rss());
      Path config =
          config(
              discord,
              "rw-------",
              "log.level=DEBUG",
              "poll.interval=1s",
              "http.allow-private-addresses=true",
              "sources.secret-feed.url=" + server.url(feed.path),
              "subscriptions.1.channel=" + news.id(),
              "subscriptions.1.source=secret-feed");
      try (BotProcess bot =
          BotProcess.start(
              dir.resolve("run.log"), Map.of(), "run", "--config", config.toString())) {
        discord.awaitIdentifies(1, WAIT);
        Await.until(
            WAIT,
            "the configured subscription\n" + bot.output(),
            () -> bot.output().contains("subscribed #news to secret-feed"));
        try (Database db =
            Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 1))) {
          SubscriptionStore subscriptions = new SubscriptionStore(db);
          subscriptions.setAppearance(
              subscriptions.forChannel(news.id()).get(0).id(),
              new Subscription.Appearance("Secret feed", null));
        }
        feed.addNew(1);
        server.serve(feed.path, feed.rss());
        discord.webhooks().awaitMessages(news, 1, WAIT);
        Webhook first = discord.webhooks().in(news).get(0);
        Await.until(WAIT, "the first post recorded", () -> sentDeliveries() == 1);
        // deleted by a moderator: the bot makes another
        discord.webhooks().delete(first);
        feed.addNew(1);
        server.serve(feed.path, feed.rss());
        discord.webhooks().awaitMessages(news, 2, WAIT);
        Webhook second = discord.webhooks().in(news).get(0);
        Await.until(WAIT, "the second post recorded\n" + bot.output(), () -> sentDeliveries() == 2);
        // the answer of the next post is lost: the bot looks for it before posting again
        discord.webhooks().loseNextAnswers(second, 1, 500);
        feed.addNew(1);
        server.serve(feed.path, feed.rss());
        Await.until(WAIT, "the third post recorded\n" + bot.output(), () -> sentDeliveries() == 3);
        assertThat(bot.terminate()).as(bot.output()).isZero();
        String output = bot.output();
        assertThat(output)
            .contains("was deleted in Discord; making another", "An earlier try had posted");
        assertThat(discord.webhooks().messages(news)).hasSize(3);
        assertNoPartOf(first.token(), output);
        assertNoPartOf(second.token(), output);
        assertNoPartOfTheToken(output);
      }
    }
  }

  private long sentDeliveries() {
    return new SqliteFile(dir.resolve("orrery.db"))
        .number("SELECT COUNT(*) FROM deliveries WHERE state = 'sent'");
  }

  @Test
  void aTokenDiscordRefusesIsNotPrinted() throws Exception {
    try (DiscordEmulator discord =
        DiscordEmulator.builder().token("the-token-discord-knows").start()) {
      Path config = config(discord, "rw-------");
      String output = exitStatus(2, Map.of(), "run", "--config", config.toString());
      assertThat(output)
          .contains("Discord refused the token (401 Unauthorized)")
          .doesNotContain("warning");
      assertNoPartOfTheToken(output);
      // the same token from the environment, the file without one
      Path noToken = dir.resolve("no-token.properties");
      Files.write(
          noToken,
          List.of(
              "discord.api-base-url=" + discord.restBaseUrl(),
              "discord.gateway-url=" + discord.gatewayUrl(),
              "database.url=jdbc:sqlite:" + dir.resolve("orrery.db")));
      output = exitStatus(2, Map.of("DISCORD_TOKEN", TOKEN), "run", "--config", noToken.toString());
      assertThat(output).contains("Discord refused the token");
      assertNoPartOfTheToken(output);
    }
  }

  @Test
  void badConfigurationIsReportedWithoutTheToken() throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start()) {
      Path config =
          config(
              discord,
              "rw-------",
              "poll.interval=sometimes",
              "discord.guild-ids=not-a-number",
              "discord.tokn=" + TOKEN);
      for (String command : List.of("run", "check", "poll")) {
        String output = exitStatus(2, Map.of(), command, "--config", config.toString());
        assertThat(output).contains("poll.interval = 'sometimes' is not valid");
        assertNoPartOfTheToken(output);
      }
      // a token pasted with a space in it is refused without being repeated
      Path spaced = config(discord, "rw-------");
      Files.writeString(
          spaced, Files.readString(spaced).replace(TOKEN, TOKEN.replace(".Zk9q2w.", ". Zk9q2w.")));
      String output = exitStatus(2, Map.of(), "run", "--config", spaced.toString());
      assertThat(output).contains("discord.token contains white space");
      assertNoPartOfTheToken(output);
    }
  }

  @Test
  void theConsoleCommandsNeverPrintTheToken() throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start();
        FeedServer server = new FeedServer()) {
      SyntheticFeed feed = new SyntheticFeed("console-feed", server.url("/"));
      feed.addBaseline(2);
      server.serve(feed.path, feed.rss());
      server.respond("/broken.xml", 503, "busy", Map.of());
      Path config =
          config(
              discord,
              "rw-r--r--",
              "log.level=DEBUG",
              "http.allow-private-addresses=true",
              "sources.console-feed.url=" + server.url(feed.path),
              "sources.broken.url=" + server.url("/broken.xml"),
              String.join("\n", BuiltInsRemoved.lines()));
      String check = exitStatus(0, Map.of(), "check", "--config", config.toString());
      assertThat(check).contains("discord.token = T3Jy****", WORLD_READABLE_WARNING);
      assertNoPartOfTheToken(check);
      String poll =
          exitStatus(
              1, Map.of("DISCORD_TOKEN", TOKEN), "poll", "--once", "--config", config.toString());
      assertThat(poll).contains("console-feed", "broken");
      assertNoPartOfTheToken(poll);
      String latest =
          exitStatus(0, Map.of(), "latest", "console-feed", "--config", config.toString());
      assertThat(latest).contains("console-feed entry 2");
      assertNoPartOfTheToken(latest);
    }
  }

  /** Runs a command to its end, checks its exit status and returns all it printed. */
  private String exitStatus(int expected, Map<String, String> env, String... args)
      throws InterruptedException {
    Path log = dir.resolve(args[0] + "-" + System.nanoTime() + ".log");
    try (BotProcess process = BotProcess.start(log, env, args)) {
      int status = process.awaitExit();
      String output = process.output();
      assertThat(status).as(String.join(" ", args) + " printed:\n" + output).isEqualTo(expected);
      return output;
    }
  }

  private Path config(DiscordEmulator discord, String permissions, String... extra)
      throws IOException {
    Path config = dir.resolve("bot.properties");
    List<String> lines =
        new ArrayList<>(
            List.of(
                "discord.token=" + TOKEN,
                "discord.api-base-url=" + discord.restBaseUrl(),
                "discord.gateway-url=" + discord.gatewayUrl(),
                "database.url=jdbc:sqlite:" + dir.resolve("orrery.db")));
    lines.addAll(List.of(extra));
    Files.write(config, lines);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString(permissions));
    return config;
  }

  /** Neither the token nor any 8 characters in a row of it. */
  static void assertNoPartOfTheToken(String output) {
    assertNoPartOf(TOKEN, output);
  }

  /** Neither the secret nor any 8 characters in a row of it. */
  static void assertNoPartOf(String secret, String output) {
    assertThat(output).isNotBlank();
    for (int i = 0; i + 8 <= secret.length(); i++) {
      String part = secret.substring(i, i + 8);
      assertThat(output)
          .as("output holds '%s' of a secret:%n%s", part, output)
          .doesNotContain(part);
    }
  }
}
