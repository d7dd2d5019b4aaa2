package dev.orrery.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure pieces of the bench harness: options, percentiles, the table. */
class BenchHarnessTest {

  @Test
  void optionsDefaultToTheIssuesSizesAndThePollThreadsDefault() {
    BenchOptions options = BenchOptions.parse();
    assertThat(options.feeds()).containsExactly(1_000, 10_000);
    assertThat(options.threads()).isEqualTo(4);
    assertThat(options.serverThreads()).isEqualTo(8);
    assertThat(options.childJvmOptions()).isEqualTo(ProductJvm.options()).contains("-Xmx256m");
    assertThat(options.runs("feed")).isTrue();
    assertThat(BenchOptions.parse("--child-jvm", "none").childJvmOptions()).isEmpty();
  }

  @Test
  void onlyNamesTheScenariosThereAre() {
    assertThat(Bench.scenarios())
        .extracting(Scenario::name)
        .containsExactlyElementsOf(BenchOptions.SCENARIOS);
    assertThat(BenchOptions.parse("--only", "delivery,latency,startup").runs("feed")).isFalse();
    assertThatThrownBy(() -> BenchOptions.parse("--only", "startup,boot"))
        .hasMessageContaining("unknown scenario boot");
    assertThat(BenchOptions.parse().channels()).containsExactly(100);
    assertThat(BenchOptions.parse("--channels", "100, 40").channels()).containsExactly(100, 40);
    assertThatThrownBy(() -> BenchOptions.parse("--channels", "0"))
        .hasMessageContaining("--channels 1 to 1,000");
  }

  @Test
  void theMeasuredJvmHasTheOptionsTheProductShipsWith() throws java.io.IOException {
    assertThat(
            ProductJvm.options(
                "FROM x\nENV JAVA_OPTS=\"-Xmx1m  -XX:+UseSerialGC\"\n"
                    + "ENTRYPOINT [\"sh\", \"-c\", \"exec java $JAVA_OPTS -jar /a.jar\"]\n"))
        .containsExactly("-Xmx1m", "-XX:+UseSerialGC");
    String flags = String.join(" ", ProductJvm.options());
    assertThat(flags).contains("-Xmx");
    // the run command of the README starts the bot as the image does
    assertThat(java.nio.file.Files.readString(Path.of("README.md")))
        .contains("java " + flags + " -jar target/orrery.jar run");
  }

  @Test
  void theDeliveryMinimumFollowsTheFixedWindows() {
    var discord = dev.orrery.emulator.RouteLimit.discordChannelMessages();
    // 1,000 messages, 50 per global window: the 20th window opens 19 s after the first
    assertThat(DeliveryScenario.minimumSeconds(1_000, 100, discord, 50)).isEqualTo(19.0);
    // one channel, 10 messages, 5 per 5 s: the second window opens 5 s after the first
    assertThat(DeliveryScenario.minimumSeconds(10, 1, discord, 50)).isEqualTo(5.0);
    assertThat(DeliveryScenario.minimumSeconds(50, 1, discord, 50)).isEqualTo(45.0);
    // 48 in any 1 s: the 1,000th goes 20 windows after the first (999 = 20 × 48 + 39)
    assertThat(DeliveryScenario.capSeconds(1_000, 48, 1.0)).isEqualTo(20.0);
    assertThat(DeliveryScenario.capSeconds(1_000, 40, 1.5)).isEqualTo(36.0);
    assertThat(DeliveryScenario.ourWindow()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(DeliveryScenario.ourCap()).isBetween(1, 49);
  }

  @Test
  void theCompetingLoadRunsOneLoopPerCpuUntilClosed() throws Exception {
    CpuLoad load = CpuLoad.saturate();
    try {
      assertThat(load.processes()).isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(load.running()).isEqualTo(load.processes());
    } finally {
      load.close();
    }
    assertThat(load.running()).isZero();
  }

  @Test
  void optionsAreReadFromTheCommandLine() {
    BenchOptions options =
        BenchOptions.parse(
            "--feeds",
            "200,1_000",
            "--threads",
            "2",
            "--child-jvm",
            " -Xmx256m  -XX:+UseSerialGC",
            "--jfr",
            "--out",
            "x",
            "--only",
            "feed,delivery",
            "");
    assertThat(options.feeds()).containsExactly(200, 1_000);
    assertThat(options.threads()).isEqualTo(2);
    assertThat(options.serverThreads()).isEqualTo(4);
    assertThat(options.childJvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
    assertThat(options.jfr()).isTrue();
    assertThat(options.out()).isEqualTo(Path.of("x"));
    assertThat(options.only()).containsExactly("feed", "delivery");
    assertThat(options.runs("latency")).isFalse();
  }

  @Test
  void aBadOptionIsRefusedWithTheUsage() {
    assertThatThrownBy(() -> BenchOptions.parse("--fedds", "10"))
        .hasMessageContaining("unknown option --fedds")
        .hasMessageContaining("--feeds 1000,10000");
    assertThatThrownBy(() -> BenchOptions.parse("--threads"))
        .hasMessageContaining("--threads needs a value");
    assertThatThrownBy(() -> BenchOptions.parse("--threads", "0"))
        .hasMessageContaining("must be positive");
  }

  @Test
  void percentilesAreNearestRank() {
    double[] values = new double[100];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100 - i; // unsorted on purpose
    }
    Percentiles p = new Percentiles(values);
    assertThat(p.at(50)).isEqualTo(50);
    assertThat(p.at(95)).isEqualTo(95);
    assertThat(p.at(100)).isEqualTo(100);
    assertThat(p.max()).isEqualTo(100);
    assertThat(new Percentiles(new double[] {7}).at(1)).isEqualTo(7);
    assertThat(new Percentiles(new double[] {1, 2, 3}).at(50)).isEqualTo(2);
    assertThatThrownBy(() -> new Percentiles(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.at(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersAreWrittenForPeople() {
    assertThat(ResultTable.format(12_345.6)).isEqualTo("12,346");
    assertThat(ResultTable.format(100)).isEqualTo("100");
    assertThat(ResultTable.format(0)).isEqualTo("0");
    assertThat(ResultTable.format(42.25)).isEqualTo("42.3");
    assertThat(ResultTable.format(3.14159)).isEqualTo("3.14");
    assertThat(ResultTable.format(0.0321)).isEqualTo("0.032");
    assertThat(ResultTable.format(Double.NaN)).isEqualTo("n/a");
  }

  @Test
  void targetsGiveAVerdictAndTheTableIsMarkdown() {
    ResultTable table =
        new ResultTable()
            .atMost("cold", "wall time", 42.5, "s", 60)
            .atLeast("304", "feeds/s", 2_500, "feeds/s", 3_000)
            .info("limits", "raw rate", 9_000, "req/s")
            .note("2 CPUs");
    assertThat(table.rows())
        .extracting(ResultTable.Row::verdict)
        .containsExactly(
            ResultTable.Verdict.PASS, ResultTable.Verdict.MISS, ResultTable.Verdict.INFO);
    assertThat(table.anyMiss()).isTrue();
    List<String> lines = table.markdown().lines().toList();
    assertThat(lines)
        .containsExactly(
            "| scenario | figure | value | unit | target | result |",
            "| --- | --- | ---: | --- | --- | --- |",
            "| cold | wall time | 42.5 | s | ≤ 60 | pass |",
            "| 304 | feeds/s | 2,500 | feeds/s | ≥ 3,000 | **miss** |",
            "| limits | raw rate | 9,000 | req/s |  |  |",
            "",
            "- 2 CPUs");
  }

  @Test
  void aCycleResultTravelsThroughProperties() {
    CycleResult result =
        new CycleResult(
            "cold",
            10,
            2_000_000_000L,
            5_000_000L,
            3_000_000_000L,
            1L << 20,
            2L << 20,
            9,
            0,
            0,
            1,
            450,
            0);
    java.util.Properties properties = new java.util.Properties();
    result.writeTo(properties);
    assertThat(CycleResult.readFrom(properties, "cold")).isEqualTo(result);
    assertThat(CycleResult.readFrom(properties, "grew")).isNull();
    assertThat(result.feedsPerSecond()).isEqualTo(5.0);
    assertThat(result.entriesPerSecond()).isEqualTo(225.0);
  }
}
