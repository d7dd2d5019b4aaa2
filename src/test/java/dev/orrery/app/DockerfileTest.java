package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entry point, run by a real shell as Docker would run it, with a stand-in {@code java}
 * on the PATH that prints what it was given.
 */
class DockerfileTest {
  @TempDir Path dir;

  List<String> entrypoint() throws Exception {
    Matcher m =
        Pattern.compile("(?m)^ENTRYPOINT (\\[.*])$")
            .matcher(Files.readString(Path.of("Dockerfile")));
    assertThat(m.find()).isTrue();
    List<String> command = new ArrayList<>();
    new ObjectMapper().readTree(m.group(1)).forEach(n -> command.add(n.asText()));
    return command;
  }

  String defaultJavaOpts() throws Exception {
    Matcher m =
        Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"$")
            .matcher(Files.readString(Path.of("Dockerfile")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  String run(Map<String, String> env, String... args) throws Exception {
    Path java = dir.resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
    java.toFile().setExecutable(true);
    List<String> command = new ArrayList<>(entrypoint());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", dir + ":/usr/bin:/bin");
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void theJvmRunsWithTheReadmesFlagsUnlessJavaOptsSaysOtherwise() throws Exception {
    assertThat(defaultJavaOpts()).isEqualTo("-XX:+UseParallelGC -Xmx256m");
    assertThat(Files.readString(Path.of("README.md"))).contains("java " + defaultJavaOpts());

    assertThat(run(Map.of("JAVA_OPTS", defaultJavaOpts()), "run", "--config", "/config/my bot"))
        .isEqualTo(
            "[-XX:+UseParallelGC]\n[-Xmx256m]\n[-jar]\n[/app/orrery.jar]\n[run]\n[--config]\n"
                + "[/config/my bot]\n");
    assertThat(run(Map.of("JAVA_OPTS", "-Xmx1g -XX:+UseSerialGC"), "check"))
        .isEqualTo("[-Xmx1g]\n[-XX:+UseSerialGC]\n[-jar]\n[/app/orrery.jar]\n[check]\n");
  }

  @Test
  void theBuildContextLeavesOutBuildOutputStateAndSecrets() throws Exception {
    assertThat(Files.readAllLines(Path.of(".dockerignore")))
        .contains("target/", "data/", "bot.properties", "*.db");
  }

  @Test
  void theImageReadsTheMountedFileByDefaultAndMayRunOnTheEnvironmentAlone() throws Exception {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    Matcher workdir = Pattern.compile("(?m)^WORKDIR (\\S+)$").matcher(dockerfile);
    String last = null;
    while (workdir.find()) {
      last = workdir.group(1);
    }
    assertThat(last).isEqualTo("/config");
    assertThat(dockerfile).containsPattern("(?m)^CMD \\[\"run\"]$");
    assertThat(readmeSection("Docker")).contains(":/config/bot.properties:ro");
  }

  @Test
  void theReadmeSaysWhichGroupMustReadTheFileAndTheImageRunsInThatGroup() throws Exception {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    Matcher group = Pattern.compile("groupadd --system --gid (\\d+) orrery").matcher(dockerfile);
    assertThat(group.find()).isTrue();
    Matcher user =
        Pattern.compile("useradd --system --gid orrery --uid (\\d+) ").matcher(dockerfile);
    assertThat(user.find()).isTrue();
    assertThat(readmeSection("Docker"))
        .contains("chgrp " + group.group(1) + " bot.properties")
        .contains("chmod 640 bot.properties")
        .contains("uid " + user.group(1));
  }

  static String readmeSection(String title) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("\n## " + title + "\n");
    assertThat(start).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }
}
