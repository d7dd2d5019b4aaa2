package dev.orrery.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void durationsRoundTrip() {
    assertThat(Values.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Values.parseDuration(" 10m ")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Values.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Values.parseDuration("3d")).isEqualTo(Duration.ofDays(3));
    assertThat(Values.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Values.parseDuration("10")).isNull();
    assertThat(Values.parseDuration("m")).isNull();
    assertThat(Values.parseDuration("-5s")).isNull();
    assertThat(Values.formatDuration(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Values.formatDuration(Duration.ofHours(24))).isEqualTo("1d");
    assertThat(Values.formatDuration(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(Values.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  @Test
  void sizesUsePowersOf1024() {
    assertThat(Values.parseSize("5MB")).isEqualTo(5L << 20);
    assertThat(Values.parseSize("512kb")).isEqualTo(512L << 10);
    assertThat(Values.parseSize("1GB")).isEqualTo(1L << 30);
    assertThat(Values.parseSize("100")).isEqualTo(100L);
    assertThat(Values.parseSize("5 TB")).isNull();
    assertThat(Values.formatSize(5L << 20)).isEqualTo("5 MB");
    assertThat(Values.formatSize(1536)).isEqualTo("1536 bytes");
  }
}
