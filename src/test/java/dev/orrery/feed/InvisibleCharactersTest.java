package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvisibleCharactersTest {
  @Test
  void dropsControlCharactersButKeepsTabsAndLineBreaks() {
    assertThat(InvisibleCharacters.strip("\u001b[31mred\u0007\u0000 a\tb\nc\r\n\u007f"))
        .isEqualTo("[31mred a\tb\nc\r\n");
    assertThat(InvisibleCharacters.strip("CSI\u009b1m NEL\u0085 \u0080\u009f"))
        .isEqualTo("CSI1m NEL ");
  }

  @Test
  void dropsBidiEmbeddingsOverridesAndIsolates() {
    assertThat(
            InvisibleCharacters.strip(
                "\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee\u2066f\u2067g\u2068h\u2069"))
        .isEqualTo("abcdefgh");
  }

  @Test
  void dropsZeroWidthCharacters() {
    assertThat(
            InvisibleCharacters.strip("@\u200Beveryone @\u2060here @\u200Deveryone \uFEFFx\u200Cy"))
        .isEqualTo("@everyone @here @everyone xy");
  }

  @Test
  void keepsJoinersInsideEmojiSequencesAndWords() {
    String technologist = "\uD83D\uDC69\u200D\uD83D\uDCBB"; // woman, joiner, laptop
    String persian =
        "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"; // "I want", with a non-joiner
    assertThat(InvisibleCharacters.strip(technologist)).isEqualTo(technologist);
    assertThat(InvisibleCharacters.strip(persian)).isEqualTo(persian);
  }

  @Test
  void leavesOrdinaryTextAsItIs() {
    String text = "Señor naïve Ångström £5 — “quoted” \u200E\u200F 日本語 🐍";
    assertThat(InvisibleCharacters.strip(text)).isSameAs(text);
  }
}
