package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MojibakeTest {
  /** What a reader that took UTF-8 for Latin-1 makes of the text. */
  static String readAsLatin1(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** The same with Windows-1252, as a browser reads it (its five gaps read as C1 controls). */
  static String readAsWindows1252(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      String c = new String(new byte[] {b}, java.nio.charset.Charset.forName("windows-1252"));
      out.append(c.equals("\uFFFD") ? (char) (b & 0xFF) : c);
    }
    return out.toString();
  }

  @Test
  void repairsThePlanetPythonPattern() {
    assertThat(Mojibake.repair("PyCoder\u00e2\u0080\u0099s Weekly")).isEqualTo("PyCoder’s Weekly");
  }

  @Test
  void repairsTheLatin1AndWindows1252FormsOfTheSameFault() {
    assertThat(Mojibake.repair("cafÃ©")).isEqualTo("café");
    assertThat(Mojibake.repair("donâ€™t")).isEqualTo("don’t");
    for (String text :
        new String[] {
          "“Django” – don’t", "Ångström, naïve, Señor", "日本語 and 🐍", "Â£5", "10\u00a0km"
        }) {
      assertThat(Mojibake.repair(readAsLatin1(text))).as(text).isEqualTo(text);
      assertThat(Mojibake.repair(readAsWindows1252(text))).as(text).isEqualTo(text);
    }
  }

  @Test
  void leavesRealLatinTextAlone() {
    for (String text :
        new String[] {
          "Señor", "naïve", "Ångström", "Â", "£5", "Ã", "café’s", "Don’t", "»Ã©", "€100", "ÃÃ©"
        }) {
      assertThat(Mojibake.repair(text)).as(text).isEqualTo(text);
    }
  }

  @Test
  void repairsOnlyTheRunsThatAreUtf8InMixedText() {
    assertThat(Mojibake.repair("é Señor cafÃ© » donâ€™t ÃÃ© x é"))
        .isEqualTo("é Señor café » don’t ÃÃ© x é");
  }
}
