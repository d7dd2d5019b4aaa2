package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadableTest {
  @Test
  void aDurationIsRoundedToTheUnitAPersonWouldSay() {
    assertThat(Readable.roughly(Duration.ofSeconds(45))).isEqualTo("45 s");
    assertThat(Readable.roughly(Duration.ofSeconds(20 * 60 + 20))).isEqualTo("20 min");
    assertThat(Readable.roughly(Duration.ofMinutes(90))).isEqualTo("1.5 h");
    assertThat(Readable.roughly(Duration.ofHours(3))).isEqualTo("3 h");
    assertThat(Readable.roughly(Duration.ofHours(71))).isEqualTo("3 days");
    assertThat(Readable.roughly(Duration.ofDays(61))).isEqualTo("2 months");
    assertThat(Readable.roughly(Duration.ofDays(800))).isEqualTo("2 years");
  }
}
