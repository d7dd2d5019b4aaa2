package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orrery.poll.Catalogue;
import dev.orrery.store.Entry;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.Test;

/** The message a delivery becomes, with and without a template. */
class EntryRendererTest {
  static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
  static final Feed FEED =
      new Feed(
          1,
          "https://example.org/feed.xml",
          null,
          "Example *blog*",
          "https://example.org/",
          null,
          null,
          null,
          T0,
          T0,
          T0,
          T0,
          T0,
          0,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);

  final EntryRenderer renderer = new EntryRenderer(new Catalogue(Map.of()));

  static Entry entry(String title, String url, String summary) {
    return new Entry(1, 1, "k", title, url, null, summary, null, T0, T0, List.of());
  }

  static final Entry POST = entry("<@&123> @here", "https://example.org/post", "Some text");

  static Subscription subscription(Long role, String template, boolean embed) {
    return new Subscription(7, 1, 2, 1, role, null, T0, null, null, template, embed, null, null);
  }

  MessageCreateData post(Long role, String template, boolean embed) {
    return renderer.post(FEED, POST, subscription(role, template, embed));
  }

  @Test
  void withoutATemplateTheMessageIsTheEmbedAloneUnderTheRole() {
    MessageCreateData plain = post(null, null, true);
    assertThat(plain.getContent()).isEmpty();
    assertThat(plain.getEmbeds()).hasSize(1);
    assertThat(plain.getEmbeds().get(0).getTitle()).isEqualTo("\\<@\u200B&123> @\u200Bhere");
    assertThat(plain.getAllowedMentions()).isEmpty();
    assertThat(plain.getMentionedRoles()).isEmpty();
    MessageCreateData mentioning = post(77L, null, true);
    assertThat(mentioning.getContent()).isEqualTo("<@&77>");
    assertThat(mentioning.getAllowedMentions()).isEmpty();
    assertThat(mentioning.getMentionedRoles()).containsExactly("77");
    assertThat(mentioning.getMentionedUsers()).isEmpty();
  }

  @Test
  void aBlankTemplateIsTheDefaultMessage() {
    assertThat(post(77L, " \n", true).toData().toString())
        .isEqualTo(post(77L, null, true).toData().toString());
  }

  @Test
  void aTemplatesTextGoesAboveTheEmbedAfterTheRole() {
    MessageCreateData message = post(77L, "New on {{feed}}: {{title}}", true);
    assertThat(message.getContent())
        .isEqualTo("<@&77> New on Example \\*blog\\*: \\<@\u200B&123> @\u200Bhere");
    assertThat(message.getEmbeds()).hasSize(1);
    assertThat(message.getAllowedMentions()).isEmpty();
    assertThat(message.getMentionedRoles()).containsExactly("77");
  }

  @Test
  void withoutTheEmbedTheMessageIsTheTextAlone() {
    MessageCreateData message = post(null, "{{title}} {{link}}", false);
    assertThat(message.getContent())
        .isEqualTo("\\<@\u200B&123> @\u200Bhere https://example.org/post");
    assertThat(message.getEmbeds()).isEmpty();
    assertThat(message.getAllowedMentions()).isEmpty();
    assertThat(message.getMentionedRoles()).isEmpty();
  }

  @Test
  void aTemplateThatRendersNothingWithoutTheEmbedFallsBackToTheLinkThenTheTitle() {
    String nothing = "{{#author}}by {{author}}{{/author}}";
    assertThat(post(null, nothing, false).getContent()).isEqualTo("https://example.org/post");
    assertThat(post(77L, nothing, false).getContent()).isEqualTo("<@&77> https://example.org/post");
    assertThat(post(null, null, false).getContent()).isEqualTo("https://example.org/post");
    Entry unlinked = entry("*Title*", "mailto:someone@example.org", "");
    assertThat(renderer.post(FEED, unlinked, subscription(null, nothing, false)).getContent())
        .isEqualTo("\\*Title\\*");
    Entry bare = entry("", null, "");
    assertThat(renderer.post(FEED, bare, subscription(null, nothing, false)).getContent())
        .isEqualTo("(untitled)");
    // with the embed, an empty text is fine: the embed is the message
    MessageCreateData withEmbed = post(null, nothing, true);
    assertThat(withEmbed.getContent()).isEmpty();
    assertThat(withEmbed.getEmbeds()).hasSize(1);
  }

  @Test
  void hugeValuesAreCutToFitAMessageWithTheRole() {
    Entry huge = entry("t", "https://example.org/p", "word ".repeat(2_000));
    MessageCreateData message =
        renderer.post(FEED, huge, subscription(77L, "{{summary}}\n{{summary}}", false));
    assertThat(message.getContent())
        .startsWith("<@&77> word word")
        .endsWith("word…")
        .hasSizeLessThanOrEqualTo(2000);
  }

  @Test
  void aStoredTemplateThatIsNowRefusedPostsTheDefaultMessage() {
    assertThat(post(77L, "{{titel}}", true).toData().toString())
        .isEqualTo(post(77L, null, true).toData().toString());
  }

  @Test
  void thePreviewIsWhatWouldBePosted() throws TemplateException {
    String template = "**{{title}}**\n{{link}}";
    MessageCreateData preview =
        renderer.preview(FEED, POST, subscription(77L, null, true), template, false);
    assertThat(preview.toData().toString())
        .isEqualTo(post(77L, template, false).toData().toString());
    assertThat(preview.getEmbeds()).isEmpty();
    assertThat(
            renderer
                .preview(FEED, POST, subscription(77L, "{{link}}", false), "", true)
                .toData()
                .toString())
        .isEqualTo(post(77L, null, true).toData().toString());
    assertThatThrownBy(
            () -> renderer.preview(FEED, POST, subscription(null, null, true), "{{titel}}", true))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("unknown placeholder {{titel}} at line 1: did you mean {{title}}?");
  }
}
