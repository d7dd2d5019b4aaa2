package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.Pings;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.Role;
import dev.orrery.store.Database;
import dev.orrery.store.SubscriptionStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A subscription with a message template: what its channel sees when a new entry arrives. */
class TemplatesEndToEndTest {
  static final String FEED = "/planet-python.xml";
  static final String FIRST =
      item("first", "https://example.org/first", "Mon, 04 May 2026 10:00:00 GMT", "", "x");
  // Wed, 06 May 2026 10:00:00 GMT
  static final long NEW_EPOCH = 1_778_061_600L;

  @TempDir Path dir;
  BotHarness h;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    h.feeds.serve(FEED, rss(FIRST));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aTemplatesTextIsPostedAboveTheEmbed() {
    h.startBot();
    h.subscribe(h.news, "planet-python");
    setTemplate(
        h.news,
        "New on {{feed}}: **{{title}}**{{#author}} by {{author}}{{/author}}\n"
            + "{{link}} · {{published}} · {{categories}}{{^image}} · no image{{/image}}",
        true);
    h.feeds.serve(FEED, rss(newItem("Templates *arrive*", "x") + FIRST));

    PostedMessage post = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    assertThat(post.content())
        .isEqualTo(
            "New on Planet Python: **Templates \\*arrive\\*** by Ada Lovelace\n"
                + "https://example.org/templates · <t:"
                + NEW_EPOCH
                + ":f> · python, web · no image");
    assertThat(post.embeds()).hasSize(1);
    assertThat(post.embed().title()).isEqualTo("Templates \\*arrive\\*");
    assertThat(post.embed().url()).isEqualTo("https://example.org/templates");
    assertThat(post.embed().footerText()).isEqualTo("Planet Python");
    assertThat(post.pings().any()).isFalse();
  }

  @Test
  void withoutTheEmbedTheTextIsTheWholeMessage() {
    h.startBot();
    h.subscribe(h.news, "planet-python");
    setTemplate(h.news, "{{title}} {{link}}", false);
    h.feeds.serve(FEED, rss(newItem("Templates *arrive*", "x") + FIRST));

    PostedMessage post = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    assertThat(post.content()).isEqualTo("Templates \\*arrive\\* https://example.org/templates");
    assertThat(post.embeds()).isEmpty();
  }

  @Test
  void neitherTheTemplateNorTheEntryCanPingAnyoneButTheChosenRole() {
    Role watchers = h.discord.createRole(h.guild, "Watchers", 0);
    Role others = h.discord.createRole(h.guild, "Others", 0);
    h.startBot();
    h.subscribe(h.news, "planet-python", CommandOption.role("mention", watchers));
    h.subscribe(h.other, "planet-python");
    String template = "@everyone @here <@&" + others.id() + "> <@" + h.admin.id() + "> {{title}}";
    setTemplate(h.news, template, true);
    setTemplate(h.other, template, false);
    h.feeds.serve(FEED, rss(newItem("<@&" + others.id() + "> @here @everyone", "x") + FIRST));

    PostedMessage mentioning = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    PostedMessage plain = h.discord.awaitMessages(h.other, 1, WAIT).get(0);
    assertThat(mentioning.content()).startsWith("<@&" + watchers.id() + "> @everyone @here");
    // the role is pinged, so the bot may ping: nothing else was, because nothing else was allowed
    assertThat(mentioning.pings()).isEqualTo(new Pings(false, Set.of(watchers.id()), Set.of()));
    assertThat(mentioning.allowedMentions().present()).isTrue();
    assertThat(mentioning.allowedMentions().parse()).isEmpty();
    assertThat(mentioning.allowedMentions().roles()).containsExactly(watchers.id());
    assertThat(mentioning.allowedMentions().users()).isEmpty();
    assertThat(plain.content()).startsWith("@everyone @here");
    assertThat(plain.pings()).isEqualTo(Pings.NONE);
    assertThat(plain.allowedMentions().present()).isTrue();
    assertThat(plain.allowedMentions().parse()).isEmpty();
    assertThat(plain.allowedMentions().roles()).isEmpty();
    // the entry's title cannot even look like a mention
    for (PostedMessage post : List.of(mentioning, plain)) {
      assertThat(post.content())
          .endsWith("\\<@\u200B&" + others.id() + "> @\u200Bhere @\u200Beveryone");
    }
  }

  @Test
  void anEntryWithAHugeSummaryIsCutToFitAndDelivered() {
    h.configure("summary.max-length=4000");
    h.startBot();
    h.subscribe(h.news, "planet-python", CommandOption.role("mention", h.moderators));
    setTemplate(h.news, "{{summary}}", true);
    h.feeds.serve(FEED, rss(newItem("Long", "word ".repeat(2_000)) + FIRST));

    PostedMessage post = h.discord.awaitMessages(h.news, 1, WAIT).get(0);
    assertThat(post.content())
        .startsWith("<@&" + h.moderators.id() + "> word word")
        .endsWith("word…")
        .hasSizeLessThanOrEqualTo(2000);
    assertThat(post.embeds()).hasSize(1);
  }

  /** Sets the template of the channel's one subscription, as the command will. */
  void setTemplate(Channel channel, String template, boolean embed) {
    try (Database db = h.database()) {
      SubscriptionStore subscriptions = new SubscriptionStore(db);
      long id = subscriptions.forChannel(channel.id()).get(0).id();
      assertThat(subscriptions.setTemplate(id, template, embed)).isTrue();
    }
  }

  static String newItem(String title, String summary) {
    return item(
        title,
        "https://example.org/templates",
        "Wed, 06 May 2026 10:00:00 GMT",
        "<dc:creator>Ada Lovelace</dc:creator><category>python</category>"
            + "<category>web</category>",
        summary);
  }

  static String item(String title, String link, String date, String more, String summary) {
    return "<item><title>"
        + xml(title)
        + "</title><link>"
        + link
        + "</link><guid>"
        + link
        + "</guid><pubDate>"
        + date
        + "</pubDate>"
        + more
        + "<description>"
        + xml(summary)
        + "</description></item>";
  }

  static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static byte[] rss(String items) {
    return ("<?xml version=\"1.0\"?><rss version=\"2.0\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>T</title>"
            + "<link>https://example.org/</link>"
            + items
            + "</channel></rss>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
