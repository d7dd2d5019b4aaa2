package dev.orrery.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Links to the same story normalise to the same text, links to others do not. */
class StoryLinkTest {
  @ParameterizedTest(name = "{0} and {1} are one story")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://example.com/post | https://example.com/post",
        "HTTPS://Example.COM/post | https://example.com/post",
        "https://example.com | https://example.com/",
        "https://example.com:443/post | https://example.com/post",
        "http://example.com:80/post | https://example.com/post",
        "https://example.com/post/ | https://example.com/post",
        "https://example.com/post#comments | https://example.com/post",
        "https://example.com/post? | https://example.com/post",
        "https://example.com/post?utm_source=planet&utm_medium=rss | https://example.com/post",
        "https://example.com/post?UTM_Campaign=x&id=3 | https://example.com/post?id=3",
        "https://example.com/p?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref=5 | https://example.com/p",
        "https://example.com/p?ref_src=1&igshid=2&_hsenc=3&_hsmi=4&mkt_tok=5 | https://example.com/p",
        "https://example.com/p?yclid=1&dclid=2&msclkid=3&a=1 | https://example.com/p?a=1",
        "https://example.com/p?a=1&utm_source=x&b=2 | https://example.com/p?a=1&b=2",
        "https://example.com/p?a=1&&b=2 | https://example.com/p?a=1&b=2",
        "'  https://example.com/p  ' | https://example.com/p",
      })
  void linksToTheSameStoryAreEqual(String one, String other) {
    assertThat(StoryLink.normalise(one)).isNotNull().isEqualTo(StoryLink.normalise(other));
  }

  @ParameterizedTest(name = "{0} and {1} are two stories")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://example.com/post | https://example.com/Post",
        "https://example.com/post | https://example.org/post",
        "https://example.com/post | https://www.example.com/post",
        "https://example.com:8443/post | https://example.com/post",
        "http://example.com:443/post | https://example.com/post",
        "https://example.com/p?a=1&b=2 | https://example.com/p?b=2&a=1",
        "https://example.com/p?id=3 | https://example.com/p?id=4",
        "https://example.com/p?reference=1 | https://example.com/p",
        "https://example.com/a%2Fb | https://example.com/a/b",
        "https://example.com/post | https://example.com/post/comments",
      })
  void linksToOtherStoriesDiffer(String one, String other) {
    assertThat(StoryLink.normalise(one)).isNotEqualTo(StoryLink.normalise(other));
  }

  @ParameterizedTest(name = "{0} reads as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HTTP://Example.COM:80/A/B/?utm_source=x&q=Caf%C3%A9#top | https://example.com/A/B?q=Caf%C3%A9",
        "https://example.com/ | https://example.com",
        "https://user@example.com:8080/p | https://user@example.com:8080/p",
        "http://[::1]:80/x | https://[::1]/x",
      })
  void theCanonicalFormKeepsWhatMatters(String link, String canonical) {
    assertThat(StoryLink.normalise(link)).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "{0} has no story identity")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "  ",
        "ftp://example.com/file",
        "mailto:someone@example.com",
        "/relative/path",
        "example.com/post",
        "https://exa mple.com/post",
        "http://",
        "https:opaque",
        "tag:example.com,2024:post-1",
      })
  void whatIsNotAnHttpLinkHasNone(String link) {
    assertThat(StoryLink.normalise(link)).isNull();
  }
}
