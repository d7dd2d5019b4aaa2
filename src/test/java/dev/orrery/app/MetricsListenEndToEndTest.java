package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.DiscordEmulator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code orrery run} whose metrics.listen address another process holds. */
class MetricsListenEndToEndTest {
  @TempDir Path dir;

  @Test
  void aTakenAddressStopsTheRunBeforeDiscordWithStatusTwoAndAMessageNamingTheKey()
      throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        DiscordEmulator discord = DiscordEmulator.start()) {
      String listen = "127.0.0.1:" + taken.getLocalPort();
      Path file = dir.resolve("bot.properties");
      Files.write(
          file,
          List.of(
              "discord.token=" + discord.token(),
              "discord.api-base-url=" + discord.restBaseUrl(),
              "discord.gateway-url=" + discord.gatewayUrl(),
              "database.url=jdbc:sqlite:" + dir.resolve("orrery.db"),
              "metrics.listen=" + listen));

      CommandRun run = CommandRun.of(Map.of(), "run", "--config", file.toString());

      assertThat(run.status()).isEqualTo(2);
      assertThat(run.err().lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("orrery: metrics.listen=" + listen + " cannot be listened on (")
                      .endsWith("): choose another address or port, or unset metrics.listen"));
      assertThat(discord.requests()).isEmpty();
    }
  }
}
