package dev.orrery.discord;

import dev.orrery.app.App;
import dev.orrery.app.FeedSide;
import dev.orrery.config.Config;
import dev.orrery.config.ConfigException;
import dev.orrery.config.ConfigLoader;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.Guild;
import dev.orrery.emulator.Interaction;
import dev.orrery.emulator.Member;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.Role;
import dev.orrery.store.Database;
import dev.orrery.testing.FeedServer;
import dev.orrery.testing.Resources;
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
 * Orrery as a user meets it: the real App and JDA, logged into the loopback Discord emulator,
 * polling the planet snapshots from a loopback feed server, on a real SQLite file.
 */
public final class BotHarness implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(30);

  public final Path dir;
  public final DiscordEmulator discord;
  public final FeedServer feeds = new FeedServer();
  public final Guild guild;
  public final Channel news;
  public final Channel other;
  public final Role moderators;
  public final Member admin;
  public final Member reader;
  private final List<String> extraConfig = new ArrayList<>();
  private App app;

  public BotHarness(Path dir) {
    this(dir, DiscordEmulator.start());
  }

  public BotHarness(Path dir, DiscordEmulator discord) {
    this.dir = dir;
    this.discord = discord;
    guild = discord.createGuild("Python");
    news = discord.createTextChannel(guild, "news");
    other = discord.createTextChannel(guild, "other");
    moderators = discord.createRole(guild, "Moderators", Permissions.MANAGE_CHANNELS);
    admin = discord.addMember(guild, "ada", moderators);
    reader = discord.addMember(guild, "bob");
  }

  /** Adds lines to bot.properties, before {@link #startBot()}. */
  public BotHarness configure(String... lines) {
    extraConfig.addAll(List.of(lines));
    return this;
  }

  public Config config() {
    return config(new String[0]);
  }

  /** The bot's configuration with more lines, for this one only: one node among several. */
  public Config config(String... more) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "discord.token=" + discord.token(),
                "discord.api-base-url=" + discord.restBaseUrl(),
                "discord.gateway-url=" + discord.gatewayUrl(),
                "database.url=jdbc:sqlite:" + dir.resolve("orrery.db"),
                "poll.interval=1s",
                "http.allow-private-addresses=true",
                "http.timeout=5s"));
    for (String source : Resources.SOURCES) {
      lines.add("sources." + source + ".url=" + feeds.url("/" + source + ".xml"));
      lines.add("sources." + source + ".title=" + title(source));
    }
    lines.add("sources.planet-python.color=#3776ab");
    lines.addAll(extraConfig);
    lines.addAll(List.of(more));
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

  public static String title(String source) {
    return switch (source) {
      case "planet-python" -> "Planet Python";
      case "django-community" -> "Django community";
      case "planet-twisted" -> "Planet Twisted";
      default -> "Planet Plone";
    };
  }

  public App startBot() {
    return startBot(InstantSource.system());
  }

  /** Starts the bot on a clock of the test's. */
  public App startBot(InstantSource clock) {
    try {
      app = App.start(config(), clock);
      return app;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public void stopBot() {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  /** Serves a snapshot; a source it lacks keeps serving the previous file, as the planet did. */
  public void serveSnapshot(String date) {
    for (String source : Resources.SOURCES) {
      String resource = Resources.snapshot(date, source);
      if (resource != null) {
        feeds.serveResource("/" + source + ".xml", resource);
      }
    }
  }

  /** Waits until every source fetched so far has been fetched {@code more} more times. */
  public void awaitPolls(int more) {
    awaitPolls(more, Resources.SOURCES);
  }

  /**
   * Waits until each of these sources, if fetched so far, has been fetched {@code more} more times.
   */
  public void awaitPolls(int more, String... sources) {
    Map<String, Long> before = new java.util.HashMap<>();
    for (String source : sources) {
      before.put(source, feeds.requestCount("/" + source + ".xml"));
    }
    dev.orrery.testing.Await.until(
        WAIT,
        more + " more polls of the subscribed sources",
        () -> {
          for (String source : sources) {
            long now = feeds.requestCount("/" + source + ".xml");
            if (before.get(source) > 0 && now < before.get(source) + more) {
              return false;
            }
          }
          return true;
        });
  }

  public PostedMessage command(
      Member member, Channel channel, String name, CommandOption... options) {
    Interaction interaction = discord.interact(member, channel, name, options);
    return interaction.awaitReply(WAIT);
  }

  public PostedMessage subscribe(Channel channel, String source, CommandOption... more) {
    List<CommandOption> options = new ArrayList<>();
    options.add(CommandOption.string("source", source));
    options.addAll(List.of(more));
    return command(admin, channel, "subscribe", options.toArray(CommandOption[]::new));
  }

  /**
   * Polls every watched feed once with the real refresher and no Discord side, then stops: the
   * process that discovered new entries and died before posting them.
   */
  public void discoverWithoutPosting() {
    discoverWithoutPosting(InstantSource.system());
  }

  /** As {@link #discoverWithoutPosting()}, on a clock of the test's. */
  public void discoverWithoutPosting(InstantSource clock) {
    try (FeedSide side = new FeedSide(config(), clock)) {
      side.feeds.watched().forEach(side.refresher::refresh);
    }
  }

  /** Opens the bot's database beside the running bot, to look at what it stored. */
  public Database database() {
    return Database.open(new Config.Database("jdbc:sqlite:" + dir.resolve("orrery.db"), 2));
  }

  @Override
  public void close() {
    try {
      stopBot();
    } finally {
      discord.close();
      feeds.close();
    }
  }
}
