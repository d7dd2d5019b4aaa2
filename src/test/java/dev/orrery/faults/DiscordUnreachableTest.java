package dev.orrery.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.testing.Await;
import dev.orrery.testing.RawSocketServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * {@code orrery run} when Discord cannot be reached, as a real process with the product's logging.
 * At start, what may pass is retried within discord.start-timeout, then one line says what failed
 * and what to check, and the exit status is 3; after a good start, the gateway is retried for as
 * long as it takes, one warning an attempt.
 */
class DiscordUnreachableTest {
  static final String TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.unreachable-token-secret";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aPortNobodyListensOnIsRetriedThenEndsWithStatusThree() throws Exception {
    String api = "http://127.0.0.1:" + closedPort() + "/api/v10/";

    String output = run(3, api, "ws://127.0.0.1:9/", "discord.start-timeout=3s");

    assertThat(theOneLine(output))
        .startsWith("orrery: Discord's API at " + api + " could not be reached within 3s (")
        .contains("connection refused")
        .endsWith("): check the network and discord.api-base-url");
    assertThat(output).contains("could not be reached (", "trying again in 1s");
  }

  @Test
  void serverErrorsOnEveryRequestEndWithStatusThree() throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start()) {
      discord.failNextRequests(1000, 502);

      String output =
          run(3, discord.restBaseUrl(), discord.gatewayUrl(), "discord.start-timeout=3s");

      assertThat(theOneLine(output))
          .isEqualTo(
              "orrery: Discord's API at "
                  + discord.restBaseUrl()
                  + " could not be reached within 3s (it answered HTTP 502, a server error):"
                  + " Discord may be having an outage (https://discordstatus.com), else check"
                  + " discord.api-base-url");
      assertThat(discord.requests("GET users/@me")).hasSizeGreaterThan(1);
    }
  }

  @Test
  void aServerThatNeverAnswersEndsWithStatusThree() throws Exception {
    try (RawSocketServer silent = RawSocketServer.silent()) {
      String api = "http://127.0.0.1:" + silent.uri().getPort() + "/api/v10/";

      String output = run(3, api, "ws://127.0.0.1:9/", "discord.start-timeout=2s");

      assertThat(theOneLine(output))
          .isEqualTo(
              "orrery: Discord's API at "
                  + api
                  + " could not be reached within 2s (timed out after 2 s): check the network"
                  + " and discord.api-base-url");
    }
  }

  @Test
  void aHostNameThatDoesNotResolveEndsWithStatusThree() throws Exception {
    String output =
        run(3, "https://discord.invalid/api/v10/", "ws://127.0.0.1:9/", "discord.start-timeout=1s");

    assertThat(theOneLine(output))
        .isEqualTo(
            "orrery: Discord's API at https://discord.invalid/api/v10/ could not be reached within"
                + " 1s (cannot resolve host discord.invalid): check the network and"
                + " discord.api-base-url");
  }

  @Test
  void anAddressThatIsNotDiscordsApiEndsAtOnceWithoutRetrying() throws Exception {
    try (RawSocketServer notDiscord =
        RawSocketServer.answering("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")) {
      String api = "http://127.0.0.1:" + notDiscord.uri().getPort() + "/api/v10/";

      String output = run(3, api, "ws://127.0.0.1:9/", "discord.start-timeout=1m");

      assertThat(theOneLine(output))
          .isEqualTo(
              "orrery: Discord's API at "
                  + api
                  + " could not be used (it answered HTTP 404 to the login): check"
                  + " discord.api-base-url");
      assertThat(output).doesNotContain("trying again");
      assertThat(notDiscord.connections()).isEqualTo(1);
    }
  }

  @Test
  void aGatewayThatNeverLetsTheBotInEndsWithStatusThree() throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start()) {
      discord.refuseGatewayConnections();

      String output =
          run(3, discord.restBaseUrl(), discord.gatewayUrl(), "discord.start-timeout=3s");

      assertThat(theOneLine(output))
          .isEqualTo(
              "orrery: the Discord gateway at "
                  + discord.gatewayUrl()
                  + " did not accept the connection within 3s: check discord.gateway-url and the"
                  + " network");
      assertThat(output).contains(" WARN ", "Could not connect to Discord's gateway; trying again");
      discord.awaitRefusedGatewayConnections(1, WAIT);
    }
  }

  @Test
  void serverErrorsThatPassAreRetriedUntilTheBotIsIn() throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start()) {
      // JDA alone gives up after four
      discord.failNextRequests(4, 502, "GET users/@me");
      Path config = config(discord.restBaseUrl(), discord.gatewayUrl());
      try (BotProcess bot =
          BotProcess.start(
              dir.resolve("run.log"), Map.of(), "run", "--config", config.toString())) {
        discord.awaitIdentifies(1, WAIT);
        Await.until(
            WAIT,
            "the bot to start polling\n" + bot.output(),
            () -> bot.output().contains("Polling 0 feeds"));
        assertThat(bot.terminate()).as(bot.output()).isZero();
        String output = bot.output();
        assertThat(output)
            .contains("it answered HTTP 502, a server error); trying again in 1s")
            .contains("trying again in 2s");
        assertNoLibraryText(output);
      }
    }
  }

  @Test
  void aGatewayGoneForAWhileAfterAGoodStartIsRetriedWithOneWarningEachThenResumed()
      throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start()) {
      Path config = config(discord.restBaseUrl(), discord.gatewayUrl());
      try (BotProcess bot =
          BotProcess.start(
              dir.resolve("run.log"), Map.of(), "run", "--config", config.toString())) {
        discord.awaitIdentifies(1, WAIT);
        Await.until(
            WAIT,
            "the bot to start polling\n" + bot.output(),
            () -> bot.output().contains("Polling 0 feeds"));
        int before = bot.output().length();

        discord.refuseGatewayConnections();
        discord.dropGateway();
        discord.awaitRefusedGatewayConnections(2, WAIT);
        discord.acceptGatewayConnections();
        discord.awaitResumes(1, WAIT);

        assertThat(bot.terminate()).as(bot.output()).isZero();
        String outage = bot.output().substring(before);
        assertThat(outage.lines().filter(l -> l.contains(" WARN ")).count())
            .as(outage)
            .isGreaterThanOrEqualTo(2);
        assertThat(outage).doesNotContain(" ERROR ");
        assertNoLibraryText(outage);
      }
    }
  }

  /** Runs {@code orrery run} to its end and returns what it printed. */
  private String run(int status, String api, String gateway, String... extra)
      throws IOException, InterruptedException {
    Path config = config(api, gateway, extra);
    try (BotProcess bot =
        BotProcess.start(dir.resolve("run.log"), Map.of(), "run", "--config", config.toString())) {
      int exit = bot.awaitExit();
      String output = bot.output();
      assertThat(exit).as(output).isEqualTo(status);
      assertNoLibraryText(output);
      return output;
    }
  }

  private Path config(String api, String gateway, String... extra) throws IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "discord.token=" + TOKEN,
                "discord.api-base-url=" + api,
                "discord.gateway-url=" + gateway,
                "database.url=jdbc:sqlite:" + dir.resolve("orrery.db")));
    lines.addAll(List.of(extra));
    Path config = dir.resolve("bot.properties");
    Files.write(config, lines);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    return config;
  }

  /** The one line addressed to the person running the bot. */
  private static String theOneLine(String output) {
    List<String> lines = output.lines().filter(l -> l.startsWith("orrery: ")).toList();
    assertThat(lines).as(output).hasSize(1);
    return lines.get(0);
  }

  private static void assertNoLibraryText(String output) {
    assertThat(output)
        .as(output)
        .doesNotContain("\tat ", "Exception", "java.net.", "com.neovisionaries", "okhttp3")
        .doesNotContain(TOKEN)
        .doesNotContain("unreachable-token-secret");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
