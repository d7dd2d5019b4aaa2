package dev.orrery.faults;

import dev.orrery.app.App;
import dev.orrery.config.Config;
import dev.orrery.config.ConfigException;
import dev.orrery.config.ConfigLoader;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.Guild;
import dev.orrery.emulator.Member;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.Role;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real App logged into the loopback Discord emulator with a configuration of the test's
 * choosing: unlike the discord package's harness, private addresses may stay refused, as in
 * production. No catalogue sources point at loopback, so every feed is a URL the test hands over.
 */
final class HostileBot implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);

  final Path dir;
  final DiscordEmulator discord = DiscordEmulator.start();
  final Guild guild;
  final Channel news;
  final Role moderators;
  final Role staff;
  final Member admin;
  final Member reader;
  private final List<String> config;
  private App app;

  /**
   * @param lines bot.properties lines beyond the Discord and database ones
   */
  HostileBot(Path dir, String... lines) {
    this.dir = dir;
    this.config = List.of(lines);
    guild = discord.createGuild("Python");
    news = discord.createTextChannel(guild, "news");
    moderators = discord.createRole(guild, "Moderators", Permissions.MANAGE_CHANNELS);
    staff = discord.createRole(guild, "Staff", 0);
    admin = discord.addMember(guild, "ada", moderators);
    reader = discord.addMember(guild, "bob", staff);
  }

  HostileBot start() {
    try {
      app = App.start(loadConfig(), InstantSource.system());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return this;
  }

  /**
   * Starts the bot with the test's own fetcher settings: a resolver and single allowed addresses
   * that bot.properties cannot express.
   */
  HostileBot startWithFetcher(FetcherSettings settings) {
    try {
      app = App.start(loadConfig(), settings, InstantSource.system());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return this;
  }

  private Config loadConfig() {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "discord.token=" + discord.token(),
                "discord.api-base-url=" + discord.restBaseUrl(),
                "discord.gateway-url=" + discord.gatewayUrl(),
                "database.url=jdbc:sqlite:" + dir.resolve("orrery.db"),
                "sources.example.url=https://feeds.example.org/rss.xml",
                "sources.example.title=Example"));
    lines.addAll(config);
    try {
      Path file = dir.resolve("bot.properties");
      Files.write(file, lines);
      return new ConfigLoader(Map.of()).load(file, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ConfigException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  PostedMessage command(Member member, String name, CommandOption... options) {
    return discord.interact(member, news, name, options).awaitReply(WAIT);
  }

  PostedMessage subscribe(String source, CommandOption... more) {
    List<CommandOption> options = new ArrayList<>();
    options.add(CommandOption.string("source", source));
    options.addAll(List.of(more));
    return command(admin, "subscribe", options.toArray(CommandOption[]::new));
  }

  /** Opens the bot's database beside the running bot, to look at what it stored. */
  Database database() {
    return Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 2));
  }

  /** Rows in a table of the bot's database. */
  int rows(String table) {
    try (Database db = database()) {
      return db.withConnection(
          "count " + table,
          c -> {
            try (var statement = c.createStatement();
                var result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
              result.next();
              return result.getInt(1);
            }
          });
    }
  }

  @Override
  public void close() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      discord.close();
    }
  }
}
