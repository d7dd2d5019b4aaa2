package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpAndVersionTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "poll",
        "latest",
        "status",
        "opml export",
        "opml import",
        "check",
        "migrate"
      })
  void everyCommandExplainsItselfWithHelpAndChangesNothing(String command) {
    for (String flag : new String[] {"--help", "-h"}) {
      CommandRun run = CommandRun.of((command + " " + flag).split(" "));
      assertThat(run.status()).as(command + " " + flag).isZero();
      assertThat(run.out()).startsWith("Usage: orrery " + command).contains("--config=FILE");
      assertThat(run.err()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "poll",
        "latest",
        "status",
        "opml export",
        "opml import",
        "check",
        "migrate"
      })
  void everyCommandTellsItsVersion(String command) {
    for (String flag : new String[] {"--version", "-V"}) {
      CommandRun run = CommandRun.of((command + " " + flag).split(" "));
      assertThat(run.status()).as(command + " " + flag).isZero();
      assertThat(run.out()).matches("orrery \\S+\\n");
    }
  }
}
