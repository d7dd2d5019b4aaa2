package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusTextTest {
  @Test
  void durationsAreWrittenToTheUnitAPersonCaresAboutAtThatSize() {
    assertThat(StatusText.duration(Duration.ofMillis(-5))).isEqualTo("0 s");
    assertThat(StatusText.duration(Duration.ofSeconds(59))).isEqualTo("59 s");
    assertThat(StatusText.duration(Duration.ofSeconds(61))).isEqualTo("1 min");
    assertThat(StatusText.duration(Duration.ofMinutes(60))).isEqualTo("1 h");
    assertThat(StatusText.duration(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    assertThat(StatusText.duration(Duration.ofHours(47))).isEqualTo("47 h");
    assertThat(StatusText.duration(Duration.ofHours(48))).isEqualTo("2 d");
    assertThat(StatusText.duration(Duration.ofHours(76))).isEqualTo("3 d 4 h");
  }

  @Test
  void aLongUrlKeepsItsHostAndItsEndAroundAnEllipsis() {
    String url = "https://blog.example.org/" + "a".repeat(60) + "/feeds/atom.xml";
    String shown = StatusText.shortUrl(url);
    assertThat(shown)
        .hasSize(50)
        .startsWith("https://blog.example.org/")
        .endsWith("aaaaaaaaa/feeds/atom.xml")
        .contains("…");
    assertThat(StatusText.shortUrl("https://example.org/feed"))
        .isEqualTo("https://example.org/feed");
  }
}
