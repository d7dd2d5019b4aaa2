package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.Guild;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orrery run} as a real process against the emulator: it starts, and stops cleanly on
 * SIGTERM.
 */
class RunProcessTest {
  static final String TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.a-token-that-must-stay-secret";

  @TempDir Path dir;

  @Test
  void runLogsInAndExitsZeroOnSigtermWithoutPrintingTheToken() throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start()) {
      Guild guild = discord.createGuild("Python");
      discord.createTextChannel(guild, "news");
      Path log = dir.resolve("stderr.log");
      Process process = startRun(discord, log);
      try {
        discord.awaitIdentifies(1, Duration.ofSeconds(60));
        discord.awaitRequests("PUT applications/*/commands", 1, Duration.ofSeconds(60));
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
            .contains("Logged in to Discord")
            .doesNotContain("warning")
            .doesNotContain(TOKEN)
            .doesNotContain("must-stay-secret");
      } finally {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void withJsonLogsEveryLineOfTheRunIsOneJsonObjectAndTheTokenIsInNone() throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start()) {
      discord.createTextChannel(discord.createGuild("Python"), "news");
      Path log = dir.resolve("stderr.log");
      Process process = startRun(discord, log, "log.format=json", "log.level=DEBUG");
      try {
        discord.awaitIdentifies(1, Duration.ofSeconds(60));
        discord.awaitRequests("PUT applications/*/commands", 1, Duration.ofSeconds(60));
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain(TOKEN).doesNotContain("must-stay-secret");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
          lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines)
            .as(output)
            .anySatisfy(
                line -> {
                  assertThat(line.get("level").asText()).isEqualTo("INFO");
                  assertThat(line.get("formattedMessage").asText())
                      .contains("Logged in to Discord");
                })
            .allSatisfy(
                line -> assertThat(line.has("timestamp") && line.has("loggerName")).isTrue());
      } finally {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void anUnknownLogFormatIsRefusedNamingTheFormatsBeforeAnythingStarts() throws Exception {
    Path config = dir.resolve("bot.properties");
    Files.write(
        config,
        List.of(
            "discord.token=" + TOKEN,
            "database.url=jdbc:sqlite:" + dir.resolve("orrery.db"),
            "log.format=yaml"));
    ProcessTest.Result result = ProcessTest.run(Map.of(), "run", "--config", config.toString());
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .contains("log.format = 'yaml' is not valid: use one of text, json")
        .doesNotContain("Logged in");
    assertThat(dir.resolve("orrery.db")).doesNotExist();
  }

  @Test
  void aStopSignalWhileTheCommandsAreBeingRegisteredEndsWithStatusZero() throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start()) {
      discord.createTextChannel(discord.createGuild("Python"), "news");
      // Discord is slow to list the commands: the stop comes while the start still waits for it
      discord.stallNextRequests(1, Duration.ofSeconds(20), "GET applications/*/commands");
      Path log = dir.resolve("stderr.log");
      Process process = startRun(discord, log);
      try {
        discord.awaitIdentifies(1, Duration.ofSeconds(60));
        Thread.sleep(1_000); // READY, then the stalled request
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("failed unexpectedly");
      } finally {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void aTokenDiscordRefusesExitsTwoWithAReadableMessage() throws Exception {
    try (DiscordEmulator discord = DiscordEmulator.builder().token(TOKEN).start()) {
      Path config = dir.resolve("bot.properties");
      Files.write(
          config,
          List.of(
              "discord.token=not-the-right-token",
              "discord.api-base-url=" + discord.restBaseUrl(),
              "discord.gateway-url=" + discord.gatewayUrl(),
              "database.url=jdbc:sqlite:" + dir.resolve("orrery.db")));
      ProcessTest.Result result = ProcessTest.run(Map.of(), "run", "--config", config.toString());
      assertThat(result.status()).isEqualTo(2);
      assertThat(result.err())
          .contains("Discord refused the token (401 Unauthorized): check discord.token")
          .doesNotContain("not-the-right-token");
    }
  }

  /** {@code orrery run} as a process of its own against the emulator, its output in {@code log}. */
  private Process startRun(DiscordEmulator discord, Path log, String... moreLines)
      throws Exception {
    Path config = dir.resolve("bot.properties");
    List<String> lines =
        new ArrayList<>(
            List.of(
                "discord.token=" + TOKEN,
                "discord.api-base-url=" + discord.restBaseUrl(),
                "discord.gateway-url=" + discord.gatewayUrl(),
                "database.url=jdbc:sqlite:" + dir.resolve("orrery.db")));
    lines.addAll(List.of(moreLines));
    Files.write(config, lines);
    Files.setPosixFilePermissions(
        config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "run",
            "--config",
            config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
