package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The planet snapshots as the refresher will see them: which entries are the same, which new. */
class FixtureIdentityTest {
  static final Instant DISCOVERED = Instant.parse("2026-06-01T00:00:00Z");

  final FeedParser parser = new FeedParser();
  final EntryNormalizer normalizer = new EntryNormalizer(350);

  List<NormalizedEntry> entries(byte[] body, String source) {
    URI feedUrl = URI.create("https://" + source + ".example/rss20.xml");
    ParseResult result = parser.parse(body, "application/rss+xml", feedUrl);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result)
        .feed().entries().stream()
            .map(entry -> normalizer.normalize(entry, feedUrl, DISCOVERED))
            .collect(Collectors.toList());
  }

  Set<String> keys(String snapshot, String source) {
    byte[] body = Fixtures.feed(snapshot, source);
    return body == null ? Set.of() : keysOf(entries(body, source));
  }

  static Set<String> keysOf(List<NormalizedEntry> entries) {
    return entries.stream().map(NormalizedEntry::key).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("step 2 brings 12 new entries and step 3 brings 7")
  void eachStepBringsTheExpectedNewEntries() {
    int newInStep2 = 0;
    int newInStep3 = 0;
    for (String source : Fixtures.SOURCES) {
      Set<String> seen = new HashSet<>(keys("2025-07-06", source));
      Set<String> step2 = keys("2026-04-22", source);
      newInStep2 += step2.stream().filter(key -> !seen.contains(key)).count();
      seen.addAll(step2);
      newInStep3 += keys("2026-05-25", source).stream().filter(key -> !seen.contains(key)).count();
    }
    assertThat(newInStep2).isEqualTo(12);
    assertThat(newInStep3).isEqualTo(7);
  }

  @Test
  void planetTwistedStep3RepeatsTwoEntriesOfStep2WithTheSameKeys() {
    Set<String> repeated = new HashSet<>(keys("2026-05-25", "planet-twisted"));
    repeated.retainAll(keys("2026-04-22", "planet-twisted"));
    assertThat(repeated)
        .containsExactlyInAnyOrder(
            "https://planet.twistedmatrix.com/donovan-preston-using-osascript-with-terminal-agents-on-macos/",
            "https://planet.twistedmatrix.com/donovan-preston-start-drag-and-drop-to-select-text-with-macos-voice-control/");
  }

  @Test
  @DisplayName("without guids, the same entries get the same keys from their links")
  void keysFromLinksMatchTheGuids() {
    for (String snapshot : Fixtures.SNAPSHOTS) {
      for (String source : Fixtures.SOURCES) {
        byte[] body = Fixtures.feed(snapshot, source);
        if (body == null) {
          continue;
        }
        String withoutGuids =
            new String(body, StandardCharsets.UTF_8).replaceAll("<guid[^>]*>[^<]*</guid>", "");
        List<NormalizedEntry> fromLinks =
            entries(withoutGuids.getBytes(StandardCharsets.UTF_8), source);
        assertThat(keysOf(fromLinks)).as(snapshot + "/" + source).isEqualTo(keys(snapshot, source));
      }
    }
  }

  @Test
  void everyFixtureEntryIsNormalisedCompletely() {
    for (String snapshot : Fixtures.SNAPSHOTS) {
      for (String source : Fixtures.SOURCES) {
        byte[] body = Fixtures.feed(snapshot, source);
        if (body == null) {
          continue;
        }
        assertThat(entries(body, source))
            .allSatisfy(
                entry -> {
                  assertThat(entry.url()).startsWith("https://");
                  assertThat(entry.title()).isNotBlank();
                  assertThat(entry.summary()).isNotBlank().hasSizeLessThanOrEqualTo(350);
                  assertThat(entry.published()).isBefore(DISCOVERED);
                });
      }
    }
  }
}
