package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.poll.Catalogue;
import dev.orrery.store.Entry;
import dev.orrery.store.Feed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.Test;

class DigestRendererTest {
  static final Instant T = Instant.parse("2026-12-07T08:00:00Z");
  static final Feed FEED =
      new Feed(
          1,
          "https://example.org/feed",
          null,
          "Example *news*",
          "https://example.org/",
          null,
          null,
          null,
          T,
          T,
          null,
          null,
          null,
          0,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);

  final DigestRenderer renderer = new DigestRenderer(new Catalogue(Map.of()));

  static Entry entry(long id, String title, String url) {
    return new Entry(id, 1, "k" + id, title, url, null, "", null, T, T, List.of());
  }

  static String description(DigestRenderer.Part part) {
    return part.message().getEmbeds().get(0).getDescription();
  }

  @Test
  void oneEntryIsOneLinkedLineUnderTheSourcesNameAndOnePost() {
    List<DigestRenderer.Part> parts =
        renderer.render(FEED, List.of(entry(7, "Hello", "https://example.org/hello")), null, T);

    assertThat(parts).singleElement();
    MessageEmbed embed = parts.get(0).message().getEmbeds().get(0);
    assertThat(embed.getTitle()).isEqualTo("Example *news*: 1 new post");
    assertThat(embed.getUrl()).isEqualTo("https://example.org/");
    assertThat(embed.getDescription()).isEqualTo("[Hello](<https://example.org/hello>)");
    assertThat(parts.get(0).entryIds()).containsExactly(7L);
    assertThat(parts.get(0).message().getAllowedMentions()).isEmpty();
  }

  @Test
  void aFeedNamedByALongUrlStillGetsAHeadingWithinDiscordsLimit() {
    String longUrl = "https://news.example/search?q=" + "python+django+".repeat(20);
    Feed untitled =
        new Feed(
            2, longUrl, null, null, null, null, null, null, T, T, null, null, null, 0, null, null,
            null, null, null, null, null, null);
    List<Entry> many = new java.util.ArrayList<>();
    for (int i = 0; i < 120; i++) {
      many.add(entry(i, "Post " + i + " " + "x".repeat(150), "https://news.example/" + i));
    }

    List<DigestRenderer.Part> parts = renderer.render(untitled, many, null, T);

    assertThat(parts).hasSizeGreaterThan(1);
    for (DigestRenderer.Part part : parts) {
      String title = part.message().getEmbeds().get(0).getTitle();
      assertThat(title.length()).isLessThanOrEqualTo(MessageEmbed.TITLE_MAX_LENGTH);
      assertThat(title).startsWith("https://news.example/search?q=python+django+").contains("…");
    }
    assertThat(parts.get(0).message().getEmbeds().get(0).getTitle()).endsWith(": 120 new posts");
  }

  @Test
  void titlesAreEscapedAndKeptToOneLine() {
    List<DigestRenderer.Part> parts =
        renderer.render(
            FEED,
            List.of(entry(1, "**Big**\n[news] <@everyone>", "https://example.org/a")),
            null,
            T);

    assertThat(description(parts.get(0)))
        .startsWith("[\\*\\*Big\\*\\* \\[news\\] \\<@")
        .doesNotContain("@everyone", "\n")
        .endsWith("everyone>](<https://example.org/a>)");
  }

  @Test
  void anEntryWithoutAUsableLinkShowsItsTitleAlone() {
    List<DigestRenderer.Part> parts =
        renderer.render(
            FEED,
            List.of(
                entry(1, "no link", null),
                entry(2, "not http", "ftp://example.org/x"),
                entry(3, "bracket", "https://example.org/a>b"),
                entry(4, " ", "https://example.org/u")),
            null,
            T);

    assertThat(description(parts.get(0)))
        .isEqualTo("no link\nnot http\nbracket\n[(untitled)](<https://example.org/u>)");
  }

  @Test
  void everyMessageStaysWithinDiscordsLimits() {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      entries.add(entry(i, "x".repeat(400), "https://example.org/" + "p".repeat(1500) + i));
    }

    List<DigestRenderer.Part> parts = renderer.render(FEED, entries, null, T);

    assertThat(parts)
        .allSatisfy(
            part -> {
              List<MessageEmbed> embeds = part.message().getEmbeds();
              assertThat(embeds).hasSizeLessThanOrEqualTo(10);
              assertThat(embeds.stream().mapToInt(MessageEmbed::getLength).sum())
                  .isLessThanOrEqualTo(6000);
              assertThat(embeds)
                  .allSatisfy(e -> assertThat(e.getDescription()).hasSizeLessThanOrEqualTo(4096));
            });
    assertThat(parts.stream().flatMap(p -> p.entryIds().stream()))
        .hasSize(300)
        .doesNotHaveDuplicates();
    assertThat(parts).extracting(DigestRenderer.Part::title).doesNotHaveDuplicates();
  }
}
