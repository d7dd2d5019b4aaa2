package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file the command line reads, in a working folder of its own, as a real child process. */
class ConfigFileProcessTest {
  static final String TOKEN = ProcessTest.TOKEN;

  @TempDir Path dir;

  @Test
  void aConfigFileNamedOnTheCommandLineMustExistAndNothingIsCreatedWhenItDoesNot()
      throws Exception {
    for (List<String> args :
        List.of(
            List.of("check", "--config", "bot.propertes"),
            List.of("latest", "planet-python", "--config", "bot.propertes"),
            List.of("poll", "--once", "--config", "bot.propertes"),
            List.of("--config", "bot.propertes"))) {
      String command = String.join(" ", args);
      ProcessTest.Result result =
          ProcessTest.run(
              dir, List.of(), Map.of("DISCORD_TOKEN", TOKEN), args.toArray(String[]::new));
      assertThat(result.status()).as(command).isEqualTo(2);
      assertThat(result.out()).as(command).isEmpty();
      assertThat(result.err().lines().toList())
          .as(command)
          .containsExactly(
              "orrery: bot.propertes does not exist: check the path given to --config, or leave"
                  + " --config out to read ./bot.properties (which may be absent) and the"
                  + " environment");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).as(command).isEmpty();
      }
    }
  }

  @Test
  void withoutBotPropertiesTheEnvironmentAloneIsUsedAndThatIsSaidOnce() throws Exception {
    ProcessTest.Result result =
        ProcessTest.run(
            dir,
            List.of(),
            Map.of(
                "DISCORD_TOKEN", TOKEN,
                "ORRERY_POLL_INTERVAL", "30m",
                "ORRERY_SOURCES_MY_BLOG_URL", "https://blog.example.org/feed.xml"),
            "check");
    assertThat(result.status()).isZero();
    assertThat(result.err().lines().toList())
        .containsExactly(
            "orrery: "
                + dir.toRealPath().resolve("bot.properties")
                + " is absent: discord.token comes from DISCORD_TOKEN, poll.interval from"
                + " ORRERY_POLL_INTERVAL, sources.my-blog.url from ORRERY_SOURCES_MY_BLOG_URL;"
                + " every other key has its default");
    assertThat(result.out().lines().toList())
        .contains(
            "discord.token = MTIz****  # from DISCORD_TOKEN",
            "poll.interval = 30m  # from ORRERY_POLL_INTERVAL",
            "poll.threads = 4  # default",
            "sources.my-blog.url = https://blog.example.org/feed.xml  # from"
                + " ORRERY_SOURCES_MY_BLOG_URL",
            "sources.planet-python.url = https://planetpython.org/rss20.xml  # default");
  }

  @Test
  void aFileOrreryMayNotReadIsRefusedSayingPermissionDenied() throws Exception {
    Path file = dir.resolve("bot.properties");
    Files.writeString(file, "discord.token=" + TOKEN + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
    // root reads any file: take away the capabilities that let it, as the image's user has none
    List<String> prefix = List.of();
    if (Files.isReadable(file)) {
      assumeThat(Path.of("/usr/bin/setpriv")).exists();
      prefix = List.of("/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search");
    }
    for (String[] args :
        List.of(new String[] {"check"}, new String[] {"check", "--config", file.toString()})) {
      ProcessTest.Result result = ProcessTest.run(dir, prefix, List.of(), Map.of(), args);
      assertThat(result.status()).isEqualTo(2);
      assertThat(result.err())
          .containsPattern(
              "orrery: \\S*bot.properties cannot be read: permission denied for the user that"
                  + " runs Orrery \\(\\S+, uid \\d+, gid \\d+\\): make it readable by that user,"
                  + " or by its group: chgrp \\d+ \\S+ and chmod 640 \\S+\n")
          .doesNotContain("Exception");
    }
  }
}
