package dev.orrery.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orrery.app.FeedSide;
import dev.orrery.config.Config;
import dev.orrery.config.ConfigException;
import dev.orrery.config.ConfigLoader;
import dev.orrery.emulator.DiscordEmulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.listen: what it accepts and what it refuses. */
class MetricsListenTest {
  @TempDir Path dir;

  @Test
  void aHostAndPortIsReadAndUnsetMeansNoServer() throws Exception {
    assertThat(load("metrics.listen=0.0.0.0:9108").metricsListen())
        .isEqualTo(InetSocketAddress.createUnresolved("0.0.0.0", 9108));
    assertThat(load("metrics.listen=[::1]:9108").metricsListen().getHostString()).isEqualTo("::1");
    assertThat(load().metricsListen()).isNull();
  }

  @Test
  void aValueThatIsNotHostAndPortIsRefusedNamingTheKey() {
    for (String bad : List.of("9108", "localhost", "0.0.0.0:99999", "http://0.0.0.0:9108")) {
      assertThatThrownBy(() -> load("metrics.listen=" + bad))
          .isInstanceOf(ConfigException.class)
          .satisfies(
              e ->
                  assertThat(((ConfigException) e).problems())
                      .containsExactly(
                          "metrics.listen = '"
                              + bad
                              + "' is not valid: use host:port, such as 127.0.0.1:9108 or"
                              + " 0.0.0.0:9108 (port 0 to 65535)"));
    }
  }

  @Test
  void untilTheBotRunsHealthSaysItIsStarting() throws Exception {
    Config config = load();
    try (FeedSide side = new FeedSide(config, InstantSource.system());
        Metrics metrics =
            Metrics.start(
                new InetSocketAddress("127.0.0.1", 0),
                side.database,
                side.fetcher,
                side.refresher,
                InstantSource.system())) {
      assertThat(Scrape.get(metrics.address(), "/health"))
          .isEqualTo(new Scrape(503, "{\"status\":\"down\",\"reason\":\"starting\"}"));
      assertThat(Scrape.get(metrics.address(), "/metrics").status()).isEqualTo(200);
    }
  }

  private Config load(String... lines) throws ConfigException, IOException {
    Path file = dir.resolve("bot.properties");
    Files.write(
        file,
        concat(
            List.of(
                "discord.token=" + DiscordEmulator.DEFAULT_TOKEN,
                "database.url=jdbc:sqlite:" + dir.resolve("orrery.db")),
            lines));
    return new ConfigLoader(Map.of()).load(file, true);
  }

  private static List<String> concat(List<String> first, String... more) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }
}
