package dev.orrery.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummaryCutterTest {
  final SummaryCutter cutter = new SummaryCutter();

  @Test
  void leavesShortTextAlone() {
    assertThat(cutter.cut("short enough", 12)).isEqualTo("short enough");
  }

  @Test
  void cutsAtAWordBoundaryWithAnEllipsis() {
    assertThat(cutter.cut("the quick brown fox jumps", 16)).isEqualTo("the quick brown…");
    assertThat(cutter.cut("the quick brown fox jumps", 15)).isEqualTo("the quick…");
  }

  @Test
  void neverCutsInsideALink() {
    String md = "read [the whole story here](https://news.example/story) today";
    assertThat(cutter.cut(md, 30)).isEqualTo("read…");
    assertThat(cutter.cut(md, 60))
        .isEqualTo("read [the whole story here](https://news.example/story)…");
  }

  @Test
  void neverCutsInsideInlineCodeOrAnEscape() {
    assertThat(cutter.cut("call `some long code here` now", 20)).isEqualTo("call…");
    assertThat(cutter.cut("ab\\*cd", 5)).isEqualTo("ab\\*…");
    assertThat(cutter.cut("ab\\*cd", 4)).isEqualTo("ab…");
  }

  @Test
  void closesBoldAndItalicLeftOpenByTheCut() {
    assertThat(cutter.cut("a **bold claim that goes on** and on", 20))
        .isEqualTo("a **bold claim**…");
    assertThat(cutter.cut("an *italic **and bold** run* ends", 27))
        .isEqualTo("an *italic **and bold***…");
    assertThat(cutter.cut("escaped \\*star and more words", 20)).isEqualTo("escaped \\*star and…");
  }

  @Test
  void closesACodeBlockWhenNothingComesBeforeIt() {
    String md = "```\nline one\nline two\nline three\n```";
    String cut = cutter.cut(md, 28);
    assertThat(cut).isEqualTo("```\nline one\nline two…\n```").hasSizeLessThanOrEqualTo(28);
  }

  @Test
  void cutsBeforeACodeBlockThatDoesNotFit() {
    assertThat(cutter.cut("Intro text\n\n```\nlong code block\n```", 25)).isEqualTo("Intro text…");
  }

  @Test
  void leavesOutAnAddressTooLongToShowWhenItComesFirst() {
    String url = "<https://example.com/" + "p".repeat(60) + ">";
    assertThat(cutter.cut(url + " then the words of the post", 40))
        .isEqualTo("then the words of the post");
    assertThat(cutter.cut(url + " and " + "more words ".repeat(10), 30))
        .isEqualTo("and more words more words…");
    assertThat(cutter.cut(url, 30)).isEmpty();
  }

  @Test
  void whatBeginsTheSummaryOnceALinkIsCutCannotStartABlock() {
    String url = "<https://example.com/" + "p".repeat(60) + ">";
    assertThat(cutter.cut(url + " # Breaking: all is well and more", 40))
        .isEqualTo("\\# Breaking: all is well and more");
    assertThat(cutter.cut(url + " -# small print and more", 40))
        .isEqualTo("\\-# small print and more");
    assertThat(cutter.cut(url + " 1. first and more words", 40))
        .isEqualTo("1\\. first and more words");
    String link = "[> quoted link text that runs long](https://x.example/" + "p".repeat(40) + ")";
    assertThat(cutter.cut(link + " after", 30)).isEqualTo("\\> quoted link text that runs…");
  }

  @Test
  void cutsOneEndlessWordHard() {
    assertThat(cutter.cut("a".repeat(50), 10)).isEqualTo("aaaaaaaaa…");
  }
}
