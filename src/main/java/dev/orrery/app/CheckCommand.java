package dev.orrery.app;

import dev.orrery.config.Config;
import dev.orrery.config.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code orrery check}: validates the configuration and prints it resolved, the token masked. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Validate the configuration and print it resolved (token masked).")
final class CheckCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin ConfigOption config;
  @Mixin Verbosity verbosity;

  @Override
  public Integer call() {
    if (verbosity.problem() != null) {
      main.err.println("orrery: " + verbosity.problem());
      return Main.USAGE;
    }
    Config resolved = config.load(main.env, true, main.err);
    if (resolved == null) {
      return Main.USAGE;
    }
    Logging.setLevel(verbosity.logLevel(resolved.logLevel()));
    for (String line : describe(resolved)) {
      main.out.println(line);
    }
    return 0;
  }

  /** The configuration as {@code key = value} lines, every default filled in. */
  static List<String> describe(Config c) {
    List<String> lines = new ArrayList<>();
    lines.add("# " + c.file() + ": valid");
    lines.add("discord.token = " + c.discord().token().masked());
    lines.add(
        "discord.guild-ids = "
            + c.discord().guildIds().stream()
                .map(Long::toUnsignedString)
                .collect(Collectors.joining(",")));
    lines.add("discord.api-base-url = " + c.discord().apiBaseUrl());
    lines.add("discord.gateway-url = " + c.discord().gatewayUrl());
    lines.add("discord.start-timeout = " + Values.formatDuration(c.discord().startTimeout()));
    lines.add("database.url = " + c.database().url());
    lines.add("database.pool-size = " + c.database().poolSize());
    lines.add("poll.interval = " + Values.formatDuration(c.poll().interval()));
    lines.add("poll.min-interval = " + Values.formatDuration(c.poll().minInterval()));
    lines.add("poll.threads = " + c.poll().threads());
    lines.add("http.user-agent = " + c.http().userAgent());
    lines.add("http.timeout = " + Values.formatDuration(c.http().timeout()));
    String size = Values.formatSize(c.http().maxBytes());
    lines.add(
        "http.max-bytes = "
            + (size.endsWith("bytes") ? c.http().maxBytes() : size.replace(" ", "")));
    lines.add("http.allow-private-addresses = " + c.http().allowPrivateAddresses());
    lines.add("deliver.max-per-poll = " + c.deliverMaxPerPoll());
    lines.add("summary.max-length = " + c.summaryMaxLength());
    lines.add("log.level = " + c.logLevel());
    c.sources().values().stream()
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .forEach(
            s -> {
              lines.add("sources." + s.name() + ".url = " + s.url());
              if (s.title() != null) {
                lines.add("sources." + s.name() + ".title = " + s.title());
              }
              if (s.color() != null) {
                lines.add("sources." + s.name() + ".color = " + String.format("#%06x", s.color()));
              }
            });
    for (Config.ChannelSubscription s : c.subscriptions()) {
      lines.add("subscriptions." + s.key() + ".channel = " + Long.toUnsignedString(s.channelId()));
      lines.add("subscriptions." + s.key() + ".source = " + s.source());
    }
    return lines;
  }
}
