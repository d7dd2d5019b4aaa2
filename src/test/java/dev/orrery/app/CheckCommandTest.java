package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code orrery check}: what it prints of a configuration, and of one that cannot be used. */
class CheckCommandTest {
  static final String TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.the-secret-part-of-the-token";

  @TempDir Path dir;

  Path file(String text) throws Exception {
    Path file = dir.resolve("bot.properties");
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void eachKeySaysWhetherItCameFromTheFileTheEnvironmentOrTheDefault() throws Exception {
    Path file = file("discord.token=" + TOKEN + "\npoll.threads=2\n");
    CommandRun run =
        CommandRun.of(Map.of("ORRERY_POLL_INTERVAL", "30m"), "check", "--config", file.toString());
    assertThat(run.status()).isZero();
    assertThat(run.lines())
        .contains(
            "discord.token = MTIz****  # from " + file,
            "poll.threads = 2  # from " + file,
            "poll.interval = 30m  # from ORRERY_POLL_INTERVAL",
            "http.timeout = 20s  # default",
            "discord.start-timeout = 2m  # default",
            "sources.planet-python.url = https://planetpython.org/rss20.xml  # default");
    assertThat(run.out() + run.err()).doesNotContain("the-secret-part");
  }

  @Test
  void aPostgresqlPasswordFromTheEnvironmentIsShownMasked() throws Exception {
    Path file =
        file(
            "discord.token="
                + TOKEN
                + "\ndatabase.url=jdbc:postgresql://db.example:5432/orrery\n"
                + "database.username=orrery\n");
    CommandRun run =
        CommandRun.of(
            Map.of("ORRERY_DATABASE_PASSWORD", "correct-horse-battery-staple"),
            "check",
            "--config",
            file.toString());
    assertThat(run.status()).isZero();
    assertThat(run.lines())
        .contains(
            "database.url = jdbc:postgresql://db.example:5432/orrery  # from " + file,
            "database.username = orrery  # from " + file,
            "database.password = corr****  # from ORRERY_DATABASE_PASSWORD");
    assertThat(run.out() + run.err()).doesNotContain("horse-battery");
  }

  @Test
  void unknownKeysAreWarnedAboutEvenWhenTheConfigurationHasProblems() throws Exception {
    Path file = file("discord.token=" + TOKEN + "\npoll.intervall=5m\n");
    CommandRun run =
        CommandRun.of(
            Map.of("ORRERY_POLL_THREADS", "lots", "ORRERY_SUMARY_MAX_LENGTH", "100"),
            "check",
            "--config",
            file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList())
        .containsExactly(
            "warning: poll.intervall is not a known key and is ignored; did you mean"
                + " poll.interval?",
            "warning: ORRERY_SUMARY_MAX_LENGTH is not a known variable and is ignored; did you"
                + " mean ORRERY_SUMMARY_MAX_LENGTH?",
            "orrery: the configuration in " + file + " and the environment cannot be used:",
            "  - poll.threads = 'lots' (from ORRERY_POLL_THREADS) is not valid: use a whole number"
                + " from 1 to 64");
  }
}
