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

  @Test
  void wholeNumbersAreAsciiDigitsWithoutSign() {
    assertThat(Values.parseWholeNumber("42")).isEqualTo(42L);
    assertThat(Values.parseWholeNumber(" 007 ")).isEqualTo(7L);
    assertThat(Values.parseWholeNumber("+4")).isNull();
    assertThat(Values.parseWholeNumber("-4")).isNull();
    assertThat(Values.parseWholeNumber("\uff15")).isNull(); // fullwidth 5
    assertThat(Values.parseWholeNumber("\u0663\u0660\u0660")).isNull(); // Arabic-Indic 300
    assertThat(Values.parseWholeNumber("1 000")).isNull();
    assertThat(Values.parseWholeNumber("")).isNull();
  }

  @Test
  void numbersTooLargeToCountAreLargerThanAnyRangeInsteadOfWrappingAround() {
    assertThat(Values.parseWholeNumber("99999999999999999999999")).isEqualTo(Long.MAX_VALUE);
    assertThat(Values.parseSize("17179869185GB")).isEqualTo(Long.MAX_VALUE);
    assertThat(Values.parseSize("8589934592GB")).isEqualTo(Long.MAX_VALUE);
    assertThat(Values.parseSize("8589934591GB")).isEqualTo(8589934591L << 30);
    assertThat(Values.parseSize("99999999999999999999")).isEqualTo(Long.MAX_VALUE);
    assertThat(Values.parseDuration("9999999999999999d")).isGreaterThan(Duration.ofDays(7));
    assertThat(Values.parseDuration("99999999999999999999999ms")).isGreaterThan(Duration.ofDays(7));
  }

  @Test
  void durationsAndSizesTakeOnlyAsciiDigits() {
    assertThat(Values.parseDuration("\uff11\uff10s")).isNull();
    assertThat(Values.parseDuration("+10s")).isNull();
    assertThat(Values.parseSize("\uff15MB")).isNull();
    assertThat(Values.parseSize("\u0665MB")).isNull();
    assertThat(Values.parseSize("+5MB")).isNull();
  }

  @Test
  void snowflakesAre17To20DigitsThatFitSixtyFourBits() {
    assertThat(Values.parseSnowflake("123456789012345678")).isEqualTo(123456789012345678L);
    assertThat(Values.parseSnowflake("18446744073709551615")).isEqualTo(-1L);
    assertThat(Values.parseSnowflake("18446744073709551616")).isNull();
    assertThat(Values.parseSnowflake("99999999999999999999")).isNull();
    assertThat(Values.parseSnowflake("12345")).isNull();
    assertThat(
            Values.parseSnowflake(
                "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10"
                    + "\uff11\uff12\uff13\uff14\uff15\uff16\uff17"))
        .isNull();
  }

  @Test
  void theFirstCharacterThatIsNotPlainAsciiIsNamed() {
    assertThat(Values.notPlainAscii("5")).isNull();
    assertThat(Values.notPlainAscii("10 m")).isNull();
    assertThat(Values.notPlainAscii("\uff15")).isEqualTo("U+FF15 FULLWIDTH DIGIT FIVE");
    assertThat(Values.notPlainAscii("4\u00a0")).isEqualTo("U+00A0 NO-BREAK SPACE");
    assertThat(Values.notPlainAscii("a\u200bb")).isEqualTo("U+200B ZERO WIDTH SPACE");
  }
}
