package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orrery.config.Config;
import dev.orrery.config.Secret;
import dev.orrery.emulator.DiscordEmulator;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code discord.shards=auto} on a cluster: the count is asked of Discord before any login. */
class RecommendedShardsTest {
  static Config.Discord discord(String token, String apiBaseUrl) {
    return new Config.Discord(
        new Secret(token),
        List.of(),
        URI.create(apiBaseUrl),
        URI.create("ws://127.0.0.1:1/"),
        Duration.ofSeconds(5),
        Config.Discord.AUTO_SHARDS);
  }

  @Test
  void discordsRecommendedCountIsTaken() {
    try (DiscordEmulator emulator = DiscordEmulator.builder().shards(3).start()) {
      assertThat(RecommendedShards.ask(discord(emulator.token(), emulator.restBaseUrl())))
          .isEqualTo(3);
      assertThat(emulator.requests("GET gateway/bot")).hasSize(1);
    }
  }

  @Test
  void aRefusedTokenSaysSo() {
    try (DiscordEmulator emulator = DiscordEmulator.builder().token("the-right-token").start()) {
      assertThatThrownBy(
              () -> RecommendedShards.ask(discord("not-the-token", emulator.restBaseUrl())))
          .isInstanceOfSatisfying(
              DiscordStartException.class,
              e -> assertThat(e.kind()).isEqualTo(DiscordStartException.Kind.TOKEN_REFUSED))
          .hasMessageContaining("check discord.token");
    }
  }

  @Test
  void anUnreachableApiNamesTheKeysToCheck() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertThatThrownBy(
            () ->
                RecommendedShards.ask(
                    discord("a-token", "http://127.0.0.1:" + closedPort + "/api/v10/")))
        .isInstanceOfSatisfying(
            DiscordStartException.class,
            e -> assertThat(e.kind()).isEqualTo(DiscordStartException.Kind.UNREACHABLE))
        .hasMessageContaining("discord.api-base-url")
        .hasMessageContaining("set discord.shards to a number");
  }
}
