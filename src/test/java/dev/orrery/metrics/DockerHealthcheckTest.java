package dev.orrery.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image's HEALTHCHECK, run by a real bash as Docker would run it, against the real server: the
 * image has no curl or wget, so the check must work with bash alone.
 */
class DockerHealthcheckTest {
  private static final InetSocketAddress ANY_PORT =
      new InetSocketAddress(InetAddress.getLoopbackAddress().getHostAddress(), 0);

  @Test
  void theImageListensForMetricsByDefault() throws Exception {
    assertThat(Files.readString(Path.of("Dockerfile")))
        .containsPattern("(?m)^ENV ORRERY_METRICS_LISTEN=0\\.0\\.0\\.0:9108$")
        .containsPattern("(?m)^EXPOSE 9108$");
  }

  @Test
  void theCheckPassesOn200AndFailsOn503() throws Exception {
    try (MetricsServer up = new MetricsServer(ANY_PORT, () -> "", () -> Health.UP);
        MetricsServer down =
            new MetricsServer(ANY_PORT, () -> "", () -> Health.down("shard 0 is RESUMING"))) {
      assertThat(check(up.address().getPort())).isZero();
      assertThat(check(down.address().getPort())).isNotZero();
    }
  }

  @Test
  void theCheckFailsWhenNothingAnswers() throws Exception {
    int free;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = socket.getLocalPort();
    }
    assertThat(check(free)).isNotZero();
  }

  /** Runs the HEALTHCHECK's command with the image's variable pointing at {@code port}. */
  private static int check(int port) throws Exception {
    Matcher m =
        Pattern.compile("(?m)^  CMD (\\[.*])$").matcher(Files.readString(Path.of("Dockerfile")));
    assertThat(m.find()).as("the HEALTHCHECK's CMD line").isTrue();
    List<String> command = new ArrayList<>();
    new ObjectMapper().readTree(m.group(1)).forEach(n -> command.add(n.asText()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ORRERY_METRICS_LISTEN", "0.0.0.0:" + port);
    Process process = builder.start();
    process.getInputStream().readAllBytes();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }
}
