package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TitleTextTest {
  @Test
  void htmlIsAClosedKnownTagOrAKnownEntity() {
    assertThat(TitleText.looksLikeHtml("<b>Bold</b> news")).isTrue();
    assertThat(TitleText.looksLikeHtml("Tom &amp; Jerry")).isTrue();
    assertThat(TitleText.looksLikeHtml("caf&#233; &#x1F40D;")).isTrue();
    assertThat(TitleText.looksLikeHtml("a<br>b &mdash; c")).isTrue();
  }

  @Test
  void textAboutTagsOrWithStrayAmpersandsIsNotHtml() {
    assertThat(TitleText.looksLikeHtml("History of the <blink> tag")).isFalse();
    assertThat(TitleText.looksLikeHtml("The <blink> and </blink> tags")).isFalse();
    assertThat(TitleText.looksLikeHtml("<script>alert(1)</script> &amp; more")).isFalse();
    assertThat(TitleText.looksLikeHtml("a <b> c")).isFalse();
    assertThat(TitleText.looksLikeHtml("AT&T; Q&A")).isFalse();
    assertThat(TitleText.looksLikeHtml("[x](<https://evil.example/>)")).isFalse();
    assertThat(TitleText.looksLikeHtml("1 < 2 && 3 > 2")).isFalse();
  }

  @Test
  void plainTextIsTheTitleWithWhitespaceCollapsed() {
    assertThat(TitleText.plain("  <b>Bold</b>\n news ", false)).isEqualTo("Bold news");
    assertThat(TitleText.plain("History of the <blink>\ttag", false))
        .isEqualTo("History of the <blink> tag");
    assertThat(TitleText.plain("<b>declared</b> text", true)).isEqualTo("<b>declared</b> text");
  }
}
