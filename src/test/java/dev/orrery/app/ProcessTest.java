package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.testing.BuiltInsRemoved;
import dev.orrery.testing.FeedServer;
import dev.orrery.testing.HostileFeeds;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a real child process: exit statuses and what reaches the terminal. */
class ProcessTest {
  static final String TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.the-secret-part-of-the-token";

  record Result(int status, String out, String err) {}

  static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return run(List.of(), env, args);
  }

  static Result run(List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return run(Path.of("").toAbsolutePath(), List.of(), jvmOptions, env, args);
  }

  /** Runs in {@code workingDir}, the command after {@code prefix} (such as setpriv and options). */
  static Result run(
      Path workingDir,
      List<String> prefix,
      List<String> jvmOptions,
      Map<String, String> env,
      String... args)
      throws IOException, InterruptedException {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(prefix);
    command.add(javaBin.toString());
    command.addAll(jvmOptions);
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator));
    command.addAll(List.of("-cp", classPath, Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("ORRERY_") || k.equals("DISCORD_TOKEN"));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  static Result run(
      Path workingDir, List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return run(workingDir, List.of(), jvmOptions, env, args);
  }

  @Test
  void checkOnTheExampleExitsTwoNamingTheMissingTokenAndNothingElse() throws Exception {
    Result result = run(Map.of(), "check", "--config", "bot.properties.example");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines().toList())
        .containsExactly(
            "orrery: the configuration in bot.properties.example cannot be used:",
            "  - discord.token is not set: create a bot at"
                + " https://discord.com/developers/applications, copy its token (Bot > Reset Token)"
                + " into bot.properties as discord.token=..., or set the environment variable"
                + " DISCORD_TOKEN");
  }

  @Test
  void checkWithATokenExitsZeroAndPrintsTheResolvedConfigMasked() throws Exception {
    Result result =
        run(
            Map.of("DISCORD_TOKEN", TOKEN, "ORRERY_POLL_INTERVAL", "30m"),
            "check",
            "--config",
            "bot.properties.example");
    assertThat(result.status()).isZero();
    assertThat(result.out())
        .contains(
            "discord.token = MTIz****",
            "poll.interval = 30m",
            "sources.planet-python.url = https://planetpython.org/rss20.xml",
            "http.max-bytes = 5MB");
    assertThat(result.out() + result.err()).doesNotContain(TOKEN).doesNotContain("the-secret-part");
  }

  @Test
  void aBadValueExitsTwoWithoutAStackTrace() throws Exception {
    Path config = Files.createTempFile("orrery", ".properties");
    try {
      Files.writeString(config, "discord.token=" + TOKEN + "\npoll.interval=sometimes\n");
      Result result = run(Map.of(), "check", "--config", config.toString());
      assertThat(result.status()).isEqualTo(2);
      assertThat(result.err())
          .contains("poll.interval = 'sometimes' is not valid")
          .doesNotContain("Exception")
          .doesNotContain("\tat ")
          .doesNotContain(TOKEN);
    } finally {
      Files.delete(config);
    }
  }

  @Test
  void aFeedThatBreaksTheReaderEndsLatestWithOneLineNamingItAndNoStackTrace(@TempDir Path dir)
      throws Exception {
    try (FeedServer server = new FeedServer()) {
      server.serve(
          "/deep.xml",
          HostileFeeds.rssWithNestedDescription(5_000).getBytes(StandardCharsets.UTF_8));
      Path config = dir.resolve("bot.properties");
      Files.writeString(
          config,
          "database.url=jdbc:sqlite:"
              + dir.resolve("orrery.db")
              + "\nhttp.allow-private-addresses=true\nlog.level=WARN\n");
      String url = server.url("/deep.xml").toString();

      Result result = run(Map.of(), "latest", url, "--config", config.toString());

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.out()).isEmpty();
      assertThat(result.err().lines().filter(l -> l.startsWith(url + ": ")))
          .containsExactly(url + ": not a feed: elements are nested more than 256 deep");
      assertThat(result.err()).doesNotContain("\tat ", "Exception", "Error");
    }
  }

  @Test
  void checkRefusesABodyCapTheHeapCannotParse() throws Exception {
    Path config = Files.createTempFile("orrery", ".properties");
    try {
      Files.writeString(config, "discord.token=" + TOKEN + "\nhttp.max-bytes=64MB\n");
      Result result =
          run(
              List.of("-XX:+UseParallelGC", "-Xmx64m"),
              Map.of(),
              "check",
              "--config",
              config.toString());
      assertThat(result.status()).isEqualTo(2);
      assertThat(result.out()).isEmpty();
      assertThat(result.err())
          .containsPattern(
              "  - http.max-bytes = 64 MB is more than this process's heap \\(6[0-4] MB\\) can"
                  + " parse with poll.threads = 4: at most \\d+ KB; lower http.max-bytes or"
                  + " poll.threads, or raise -Xmx \\(it needs a heap of \\d+ MB\\)\n")
          .doesNotContain("Exception");
    } finally {
      Files.delete(config);
    }
  }

  @Test
  void checkPassesTheDefaultsUnderTheShippedJvmOptions() throws Exception {
    Matcher javaOpts =
        Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"$")
            .matcher(Files.readString(Path.of("Dockerfile")));
    assertThat(javaOpts.find()).isTrue();
    List<String> shipped = List.of(javaOpts.group(1).split(" "));
    assertThat(shipped).anyMatch(option -> option.startsWith("-Xmx"));
    Result result =
        run(shipped, Map.of("DISCORD_TOKEN", TOKEN), "check", "--config", "bot.properties.example");
    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    assertThat(result.out()).contains("poll.threads = 4", "http.max-bytes = 5MB");
  }

  @Test
  void noFeedOfAnAcceptedSizeEndsInAnErrorUnderASmallHeap(@TempDir Path dir) throws Exception {
    try (FeedServer server = new FeedServer()) {
      // 256 MB of spaces inside a feed, gzipped to a few hundred KB
      ByteArrayOutputStream bomb = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
        gzip.write("<rss version=\"2.0\"><channel><title>".getBytes(StandardCharsets.UTF_8));
        byte[] spaces = new byte[1 << 20];
        Arrays.fill(spaces, (byte) ' ');
        for (int i = 0; i < 256; i++) {
          gzip.write(spaces);
        }
      }
      server.respond(
          "/bomb.xml",
          200,
          bomb.toByteArray(),
          Map.of("Content-Type", "application/rss+xml", "Content-Encoding", "gzip"));
      // the worst shape for memory: as many tiny entries as the accepted size holds
      StringBuilder tiny = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title>");
      for (int i = 0; tiny.length() < 1_900_000; i++) {
        tiny.append("<item><guid>").append(i).append("</guid></item>");
      }
      server.serve(
          "/tiny.xml", tiny.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8));
      Path config = dir.resolve("bot.properties");
      Files.writeString(
          config,
          "database.url=jdbc:sqlite:"
              + dir.resolve("orrery.db")
              + "\nhttp.allow-private-addresses=true\nhttp.max-bytes=2MB\npoll.threads=1\n");
      List<String> smallHeap = List.of("-XX:+UseParallelGC", "-Xmx64m");

      for (String path : List.of("/bomb.xml", "/tiny.xml")) {
        String url = server.url(path).toString();
        Result result = run(smallHeap, Map.of(), "latest", url, "--config", config.toString());
        assertThat(result.status()).as(path).isIn(0, 1);
        assertThat(result.err()).as(path).doesNotContain("\tat ", "Exception in thread");
        if (path.equals("/bomb.xml")) {
          assertThat(result.err()).contains(url + ": larger than 2 MB");
        }
      }
    }
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithStatusTwo() throws Exception {
    Result result = run(Map.of(), "poll", "--onse");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option: '--onse'");
  }

  @Test
  void versionAndHelpAnswer() throws Exception {
    Result version = run(Map.of(), "--version");
    assertThat(version.status()).isZero();
    assertThat(version.out()).startsWith("orrery ");
    Result help = run(Map.of(), "--help");
    assertThat(help.out()).contains("run", "poll", "latest", "check");
  }

  @Test
  void theDockerfileCopiesTheJarTheBuildMakes() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
    assertThat(finalName.find()).isTrue();
    String jar = "target/" + finalName.group(1) + ".jar";
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertThat(dockerfile).contains("COPY --from=build /src/" + jar + " ");
    assertThat(dockerfile).contains("USER orrery").contains("VOLUME /data");
    assertThat(dockerfile).containsPattern("FROM eclipse-temurin:(1[7-9]|2\\d)-jre");
  }

  @Test
  void theLogLevelComesFromTheConfiguration() throws Exception {
    try (FeedServer server = new FeedServer()) {
      server.serveResource("/python.xml", "/fixtures/feeds/2026-04-22/planet-python.rss.xml");
      logLevels(server);
    }
  }

  void logLevels(FeedServer server) throws Exception {
    Path quiet = Files.createTempFile("orrery", ".properties");
    Path noLevel = Files.createTempFile("orrery", ".properties");
    Path db = Files.createTempFile("orrery", ".db");
    try {
      // a source on a port nobody listens on: the poll fails, which is logged at WARN
      Files.writeString(
          quiet,
          "database.url=jdbc:sqlite:"
              + db
              + "\nhttp.allow-private-addresses=true\n"
              + BuiltInsRemoved.text()
              + "sources.gone.url=http://127.0.0.1:9/feed.xml\nlog.level=ERROR\n");
      Files.writeString(
          noLevel,
          Files.readString(quiet).replace("log.level=ERROR\n", "")
              + "sources.python.url="
              + server.url("/python.xml")
              + "\n");
      Result errorOnly = run(Map.of(), "poll", "--once", "--config", quiet.toString());
      assertThat(errorOnly.status()).isEqualTo(1);
      assertThat(errorOnly.err())
          .contains("gone: ")
          .doesNotContain(" WARN ")
          .doesNotContain(" INFO ");
      Result verbose =
          run(Map.of("ORRERY_LOG_LEVEL", "DEBUG"), "poll", "--once", "--config", quiet.toString());
      assertThat(verbose.err()).contains(" WARN  ").contains("gone: ").doesNotContain(" DEBUG ");
      Result plain = run(Map.of(), "poll", "--once", "--config", noLevel.toString());
      assertThat(plain.err())
          .as("a terminal command logs only warnings")
          .contains(" WARN ")
          .doesNotContain(" INFO ");
      // a database of its own, where the source's first poll is logged at INFO again
      Map<String, String> freshDatabase =
          Map.of("ORRERY_DATABASE_URL", "jdbc:sqlite:" + db + "-verbose");
      Result chatty = run(freshDatabase, "poll", "--once", "-v", "--config", noLevel.toString());
      assertThat(chatty.err()).contains(" INFO ");
    } finally {
      Files.delete(quiet);
      Files.delete(noLevel);
      Files.deleteIfExists(db);
      Files.deleteIfExists(Path.of(db + "-verbose"));
    }
  }
}
