package dev.orrery.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, item 1: the bot killed with SIGKILL at random moments while polling and posting, then
 * restarted, loses nothing and posts nothing twice, as the bot or through webhooks; its SQLite file
 * stays whole. The fast version runs with the suite, the 20-kill soak with {@code mvn -B -Psoak
 * verify} (SOAK.md).
 */
class CrashSafetyTest {
  @TempDir Path dir;

  @Test
  void fiveKillsLoseNothingAndDuplicateNothing() throws Exception {
    check(new CrashScenario.Settings(3, 3, 2, 5, 12, seed()));
  }

  @Test
  @Tag("soak")
  void twentyKillsInARowLoseNothingAndDuplicateNothing() throws Exception {
    check(new CrashScenario.Settings(6, 4, 3, 20, 8, seed()));
  }

  private void check(CrashScenario.Settings settings) throws Exception {
    CrashScenario.Report report = new CrashScenario(settings, dir).run();
    System.out.println(report.summary() + " seed=" + settings.seed());
    assertThat(report.integrity()).isEqualTo("ok");
    assertThat(report.duplicates()).as("duplicated posts (channel id, entry)").isEmpty();
    assertThat(report.missing()).as("lost posts (channel id, entry)").isEmpty();
    assertThat(report.resendsWithinARun()).as("deliveries sent twice by one running bot").isZero();
    assertThat(report.unexpected()).as("posts of no new entry").isZero();
    assertThat(report.wrongSender())
        .as("posts sent as the bot for a webhook subscription, or the other way round")
        .isZero();
    assertThat(report.postedViaWebhook())
        .as("posts through webhooks, among all")
        .isPositive()
        .isLessThan(report.posted());
    assertThat(report.skippedOrFailed()).as("deliveries skipped or failed").isZero();
    assertThat(report.posted()).isEqualTo(report.expected()).isPositive();
  }

  /** Random unless {@code -Dcrash.seed=N} repeats a run. */
  private static long seed() {
    return Long.getLong("crash.seed", System.nanoTime());
  }
}
