package dev.orrery.bench;

import dev.orrery.config.Config;
import dev.orrery.config.ConfigException;
import dev.orrery.config.ConfigLoader;
import dev.orrery.emulator.DiscordEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bot.properties for the bench: the emulator's addresses, a SQLite file (or the database the
 * extra keys name), extra keys.
 */
final class BotConfig {
  private BotConfig() {}

  /** Writes {@code <dir>/bot.properties} (owner-only, as the product asks) and returns its path. */
  static Path write(Path dir, DiscordEmulator discord, String... extra) throws IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "discord.token=" + discord.token(),
                "discord.api-base-url=" + discord.restBaseUrl(),
                "discord.gateway-url=" + discord.gatewayUrl(),
                "http.allow-private-addresses=true"));
    // a SQLite file of its own unless the extra keys name another database
    if (java.util.Arrays.stream(extra).noneMatch(line -> line.startsWith("database.url="))) {
      lines.add("database.url=jdbc:sqlite:" + dir.resolve("orrery.db"));
    }
    lines.addAll(List.of(extra));
    Path file = dir.resolve("bot.properties");
    Files.write(file, lines);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** Writes and loads it as the product does (environment ignored). */
  static Config load(Path dir, DiscordEmulator discord, String... extra) throws IOException {
    Path file = write(dir, discord, extra);
    try {
      return new ConfigLoader(Map.of()).load(file, true);
    } catch (ConfigException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
