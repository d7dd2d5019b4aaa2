package dev.orrery.faults;

import dev.orrery.config.Config;
import dev.orrery.emulator.Channel;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.Guild;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.RecordedRequest;
import dev.orrery.emulator.RouteLimit;
import dev.orrery.store.Database;
import dev.orrery.store.FeedStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import dev.orrery.testing.Await;
import dev.orrery.testing.FeedServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * The crash test: {@code orrery run} as a child JVM, SIGKILLed again and again while it polls
 * growing feeds and posts their new entries to several channels, restarted each time, then run once
 * more cleanly until nothing waits. Every new entry must then be in each subscribed channel exactly
 * once. Some subscriptions post through webhooks, which have no nonce: one channel only through
 * them, one with a webhook subscription beside plain ones, the rest as the bot.
 */
final class CrashScenario {
  /** How big the run is; {@code seed} makes the kill moments and feed growth repeatable. */
  record Settings(
      int feeds, int channels, int feedsPerChannel, int kills, int maxNewPerCycle, long seed) {}

  /** Where the kills landed, and what Discord holds at the end. */
  record Report(
      int kills,
      int killsWithDeliveriesPending,
      int expected,
      int posted,
      int duplicated,
      int lost,
      int unexpected,
      int nonceRepeats,
      int resendsWithinARun,
      int postedViaWebhook,
      int wrongSender,
      long skippedOrFailed,
      String integrity,
      List<String> duplicates,
      List<String> missing) {

    String summary() {
      return "CRASH SUMMARY: kills="
          + kills
          + " (with deliveries pending: "
          + killsWithDeliveriesPending
          + ") expected="
          + expected
          + " posted="
          + posted
          + " duplicated="
          + duplicated
          + " lost="
          + lost
          + " unexpected="
          + unexpected
          + " nonce-repeats-absorbed="
          + nonceRepeats
          + " (resent within one run: "
          + resendsWithinARun
          + ")"
          + " via-webhook="
          + postedViaWebhook
          + " wrong-sender="
          + wrongSender
          + " skipped-or-failed="
          + skippedOrFailed
          + " integrity="
          + integrity;
    }
  }

  /** When in a run the kill lands. */
  private enum Moment {
    STARTUP,
    POLLING,
    POSTING
  }

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(180);

  /**
   * deliver.max-per-poll: a poll never finds more new entries than this, so nothing is summed up.
   */
  private static final int MAX_PER_POLL = 50;

  private final Settings settings;
  private final Path dir;
  private final Random random;
  private final Path config;
  private final SqliteFile db;
  private final List<SyntheticFeed> feeds = new ArrayList<>();

  /** Which channels each feed's entries must reach: the ledger's other half. */
  private final Map<SyntheticFeed, List<Channel>> subscribers = new LinkedHashMap<>();

  /** The subscriptions ("channel id feed name") that post through their channel's webhook. */
  private final Set<String> viaWebhook = new LinkedHashSet<>();

  private final List<Channel> channels = new ArrayList<>();
  private final List<Instant> runStarts = new ArrayList<>();
  private int runs;

  CrashScenario(Settings settings, Path dir) {
    this.settings = settings;
    this.dir = dir;
    this.random = new Random(settings.seed());
    this.config = dir.resolve("bot.properties");
    this.db = new SqliteFile(dir.resolve("orrery.db"));
  }

  Report run() throws IOException, InterruptedException {
    // a per-channel bucket of 4 posts a second: bursts take seconds, so kills land inside them
    try (DiscordEmulator discord =
            DiscordEmulator.builder()
                .channelMessageLimit(new RouteLimit(4, Duration.ofSeconds(1)))
                .start();
        FeedServer server = new FeedServer()) {
      Guild guild = discord.createGuild("Crash test");
      discord.assignRole(
          discord.botMember(guild),
          discord.createRole(guild, "webhooks", Permissions.MANAGE_WEBHOOKS));
      for (int c = 1; c <= settings.channels(); c++) {
        channels.add(discord.createTextChannel(guild, "news-" + c));
      }
      URI base = server.url("/");
      for (int f = 1; f <= settings.feeds(); f++) {
        SyntheticFeed feed = new SyntheticFeed("f" + f, base);
        feed.addBaseline(3);
        feeds.add(feed);
        subscribers.put(feed, new ArrayList<>());
        server.serve(feed.path, feed.rss());
      }
      for (int c = 0; c < channels.size(); c++) {
        for (int k = 0; k < settings.feedsPerChannel(); k++) {
          SyntheticFeed feed = feeds.get((c + k) % feeds.size());
          subscribers.get(feed).add(channels.get(c));
          if (c % 3 == 1 || (c % 3 == 2 && k == 0)) {
            viaWebhook.add(channels.get(c).id() + " " + feed.name);
          }
        }
      }
      writeConfig(discord, server);
      int subscriptions = subscribers.values().stream().mapToInt(List::size).sum();

      int pendingAtKill = 0;
      for (int kill = 1; kill <= settings.kills(); kill++) {
        try (BotProcess bot = startBot(discord)) {
          if (kill == 1) {
            // the first run subscribes the channels; each feed's baseline is stored before its
            // subscription
            Await.until(
                START_TIMEOUT,
                "the configured subscriptions",
                () -> db.number("SELECT COUNT(*) FROM subscriptions") == subscriptions);
            // before any entry is new, so each subscription posts one way from the start
            giveAppearances(server);
          }
          Moment moment = Moment.values()[random.nextInt(Moment.values().length)];
          int postedBefore = discord.messages().size();
          if (moment == Moment.STARTUP) {
            Thread.sleep(random.nextInt(600));
          } else {
            grow(server);
            if (moment == Moment.POSTING) {
              Await.until(
                  START_TIMEOUT,
                  "a post in run " + runs + "\n" + bot.output(),
                  () -> discord.messages().size() > postedBefore || !bot.isAlive());
            }
            Thread.sleep(random.nextInt(moment == Moment.POLLING ? 2500 : 1500));
          }
          if (!bot.isAlive()) {
            throw new AssertionError(
                "the bot died by itself in run " + runs + ":\n" + bot.output());
          }
          bot.kill();
        }
        if (db.number("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'") > 0) {
          pendingAtKill++;
        }
        if (random.nextBoolean()) {
          grow(server); // entries published while the bot is down
        }
      }

      // the clean run: restart, post whatever waits, stop with SIGTERM
      int expected =
          subscribers.entrySet().stream()
              .mapToInt(e -> e.getKey().newItems().size() * e.getValue().size())
              .sum();
      try (BotProcess bot = startBot(discord)) {
        Await.until(
            DRAIN_TIMEOUT,
            "every expected post and no pending delivery\n" + bot.output(),
            () ->
                PostLedger.posted(discord, channels).keySet().size() >= expected
                        && db.number("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'") == 0
                    || !bot.isAlive());
        Thread.sleep(1500); // room for a late duplicate to show itself
        int status = bot.terminate();
        if (status != 0) {
          throw new AssertionError("the clean run exited " + status + ":\n" + bot.output());
        }
      }
      return report(discord, expected, pendingAtKill);
    }
  }

  /** Gives the webhook subscriptions a name, through the store, as /customize would. */
  private void giveAppearances(FeedServer server) {
    try (Database database = Database.open(new Config.Database("jdbc:sqlite:" + db.path(), 1))) {
      SubscriptionStore store = new SubscriptionStore(database);
      FeedStore feedStore = new FeedStore(database);
      for (Channel channel : channels) {
        for (Subscription s : store.forChannel(channel.id())) {
          String url = feedStore.find(s.feedId()).orElseThrow().url();
          for (SyntheticFeed feed : feeds) {
            if (url.equals(server.url(feed.path).toString())
                && viaWebhook.contains(channel.id() + " " + feed.name)) {
              store.setAppearance(s.id(), new Subscription.Appearance(feed.name + " news", null));
            }
          }
        }
      }
    }
  }

  private BotProcess startBot(DiscordEmulator discord) {
    runs++;
    runStarts.add(Instant.now());
    BotProcess bot =
        BotProcess.start(
            dir.resolve("run-" + runs + ".log"), Map.of(), "run", "--config", config.toString());
    discord.awaitIdentifies(runs, START_TIMEOUT);
    return bot;
  }

  /** Adds new entries to each feed, never more than one poll may post without summing up. */
  private void grow(FeedServer server) {
    for (SyntheticFeed feed : feeds) {
      long stored =
          db.number(
              "SELECT COUNT(*) FROM entries e JOIN feeds f ON f.id = e.feed_id"
                  + " WHERE f.url = '"
                  + server.url(feed.path)
                  + "'");
      long unseen = feed.size() - stored;
      int room = (int) Math.max(0, MAX_PER_POLL - unseen);
      int add = Math.min(room, 1 + random.nextInt(settings.maxNewPerCycle()));
      if (add > 0) {
        feed.addNew(add);
        server.serve(feed.path, feed.rss());
      }
    }
  }

  private Report report(DiscordEmulator discord, int expected, int pendingAtKill) {
    Set<String> wanted = PostLedger.wanted(subscribers);
    Map<String, Integer> counts = PostLedger.posted(discord, channels);
    int posted = 0;
    int duplicated = 0;
    int unexpected = 0;
    List<String> duplicates = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (!wanted.contains(e.getKey())) {
        unexpected += e.getValue();
        continue;
      }
      posted += e.getValue();
      if (e.getValue() > 1) {
        duplicated += e.getValue() - 1;
        duplicates.add(e.getKey() + " x" + e.getValue());
      }
    }
    List<String> missing = wanted.stream().filter(k -> !counts.containsKey(k)).toList();
    // which subscription each post is of, by its entry's link: it must come the way that one posts
    Map<String, String> feedOfLink = new HashMap<>();
    feeds.forEach(f -> f.newItems().forEach(item -> feedOfLink.put(item.link(), f.name)));
    int postedViaWebhook = 0;
    int wrongSender = 0;
    for (Channel channel : channels) {
      for (PostedMessage message : discord.messages(channel)) {
        boolean webhook = message.webhook() != null;
        postedViaWebhook += webhook ? 1 : 0;
        String feed =
            message.embeds().isEmpty() ? null : feedOfLink.get(message.embeds().get(0).url());
        if (feed != null && webhook != viaWebhook.contains(channel.id() + " " + feed)) {
          wrongSender++;
        }
      }
    }
    long skippedOrFailed =
        db.number("SELECT COUNT(*) FROM deliveries WHERE state IN ('skipped', 'failed')");
    return new Report(
        settings.kills(),
        pendingAtKill,
        wanted.size(),
        posted,
        duplicated,
        missing.size(),
        unexpected,
        discord.stats().nonceRepeats(),
        resendsWithinARun(discord),
        postedViaWebhook,
        wrongSender,
        skippedOrFailed,
        db.integrityCheck(),
        duplicates,
        missing);
  }

  /**
   * Posts whose nonce repeats one sent earlier in the same run: not a crash's resend but the bot
   * sending one delivery twice while it was up. Discord drops them by nonce; forum posts have none.
   */
  private int resendsWithinARun(DiscordEmulator discord) {
    Map<String, Integer> firstRun = new HashMap<>();
    int resends = 0;
    for (RecordedRequest request : discord.requests("POST channels/*/messages")) {
      String nonce = DataObject.fromJson(request.body()).getString("nonce", null);
      if (nonce == null || request.status() != 200) {
        continue;
      }
      int run = runOf(request.receivedAt());
      Integer earlier = firstRun.putIfAbsent(request.path() + " " + nonce, run);
      if (earlier != null && earlier == run) {
        resends++;
      }
    }
    return resends;
  }

  private int runOf(Instant at) {
    int run = 0;
    while (run < runStarts.size() && !runStarts.get(run).isAfter(at)) {
      run++;
    }
    return run;
  }

  private void writeConfig(DiscordEmulator discord, FeedServer server) throws IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "discord.token=" + discord.token(),
                "discord.api-base-url=" + discord.restBaseUrl(),
                "discord.gateway-url=" + discord.gatewayUrl(),
                "database.url=jdbc:sqlite:" + db.path(),
                "poll.interval=1s",
                "http.allow-private-addresses=true",
                "deliver.max-per-poll=" + MAX_PER_POLL));
    for (SyntheticFeed feed : feeds) {
      lines.add("sources." + feed.name + ".url=" + server.url(feed.path));
    }
    int n = 0;
    for (Map.Entry<SyntheticFeed, List<Channel>> e : subscribers.entrySet()) {
      for (Channel channel : e.getValue()) {
        n++;
        lines.add("subscriptions." + n + ".channel=" + channel.id());
        lines.add("subscriptions." + n + ".source=" + e.getKey().name);
      }
    }
    Files.write(config, lines);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
  }
}
