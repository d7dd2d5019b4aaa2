package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orrery.config.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's log lines in each {@code log.format}, through logback.xml's appender. */
class LoggingTest {
  private static final Logger log = LoggerFactory.getLogger(LoggingTest.class);

  @Test
  void jsonWritesOneObjectPerLineWithTheMessageItsArgumentsAndTheException() throws Exception {
    IllegalStateException failure =
        new IllegalStateException("the feed went away", new IOException("connection reset"));

    List<JsonNode> all =
        json(
            stderrOf(
                "json",
                () -> {
                  // ERROR: logged whatever level an earlier test left
                  log.error("Could not poll {}", "https://planetpython.org/rss20.xml", failure);
                  log.error("Logged in as {}", new Secret("a-token-that-must-stay-secret"));
                }));

    // every line is one object; threads an earlier test in this JVM left behind may add theirs
    List<JsonNode> lines =
        all.stream()
            .filter(line -> line.get("loggerName").asText().equals(LoggingTest.class.getName()))
            .toList();
    assertThat(lines).hasSize(2);
    JsonNode poll = lines.get(0);
    assertThat(poll.get("level").asText()).isEqualTo("ERROR");
    assertThat(poll.get("loggerName").asText()).isEqualTo(LoggingTest.class.getName());
    assertThat(poll.get("message").asText()).isEqualTo("Could not poll {}");
    assertThat(poll.get("arguments").get(0).asText())
        .isEqualTo("https://planetpython.org/rss20.xml");
    assertThat(poll.get("formattedMessage").asText())
        .isEqualTo("Could not poll https://planetpython.org/rss20.xml");
    assertThat(poll.get("timestamp").asLong())
        .isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    assertThat(poll.get("threadName").asText()).isEqualTo(Thread.currentThread().getName());
    JsonNode throwable = poll.get("throwable");
    assertThat(throwable.get("className").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(throwable.get("message").asText()).isEqualTo("the feed went away");
    assertThat(throwable.get("stepArray").get(0).get("className").asText())
        .isEqualTo(LoggingTest.class.getName());
    assertThat(throwable.get("cause").get("message").asText()).isEqualTo("connection reset");
    // the same on every line: left out
    assertThat(poll.has("context")).isFalse();

    assertThat(lines.get(1).toString()).doesNotContain("must-stay-secret");
  }

  @Test
  void textIsTheConfiguredReadableLineAgainAfterJson() throws Exception {
    stderrOf("json", () -> log.error("in JSON"));

    String text =
        stderrOf("text", () -> log.error("Could not poll {}", "a feed"))
                .lines()
                .filter(line -> line.contains("LoggingTest - "))
                .findFirst()
                .orElse("")
            + "\n";

    assertThat(text)
        .matches(
            "(\\S+ )?\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR \\[.+\\] \\S*LoggingTest - Could not poll a feed\\R");
  }

  /** What {@code logging} writes to standard error with the console in {@code format}. */
  private static String stderrOf(String format, Runnable logging) {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    // logback.xml's console appender writes to whatever System.err is at each line
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Logging.setFormat(format);
      logging.run();
    } finally {
      Logging.setFormat("text");
      System.setErr(stderr);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static List<JsonNode> json(String output) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.split("\\R")) {
      lines.add(mapper.readTree(line));
    }
    return lines;
  }
}
