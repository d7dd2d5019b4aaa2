package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static dev.orrery.discord.CustomizeEndToEndTest.customize;
import static dev.orrery.discord.CustomizeEndToEndTest.stored;
import static dev.orrery.discord.TemplatesEndToEndTest.FIRST;
import static dev.orrery.discord.TemplatesEndToEndTest.rss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.Interaction;
import dev.orrery.emulator.ModalField;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.emulator.ShownModal;
import dev.orrery.store.Database;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /customize edit}: the form, filled with today's values, saves all of them or none. */
class CustomizeFormEndToEndTest {
  static final String AVATAR = "https://example.org/logo.png";

  @TempDir Path dir;
  BotHarness h;
  String news;
  Subscription before;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    h.feeds.serve("/planet-python.xml", rss(FIRST));
    news = "<#" + h.news.id() + ">";
    h.startBot();
    h.subscribe(h.news, "planet-python", CommandOption.string("filter", "first"));
    h.discord.grant(h.news, h.discord.botMember(h.guild), Permissions.MANAGE_WEBHOOKS);
    try (Database db = h.database()) {
      SubscriptionStore store = new SubscriptionStore(db);
      long id = store.forChannel(h.news.id()).get(0).id();
      store.setTemplate(id, "Old: {{title}}", true);
      store.setAppearance(id, new Subscription.Appearance("Old name", AVATAR));
    }
    before = stored(h, h.news);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  Interaction open() {
    return customize(h, h.admin, h.news, "edit");
  }

  @Test
  void theFormShowsTodaysValuesAndSavesEveryFieldTogether() {
    Interaction edit = open();
    ShownModal form = edit.awaitModal(WAIT);

    assertThat(form.customId()).isEqualTo("customize:" + before.id());
    assertThat(form.title()).isEqualTo("Customize Planet Python");
    assertThat(form.fields())
        .extracting(ModalField::customId, ModalField::value)
        .containsExactly(
            tuple("filter", "first"),
            tuple("template", "Old: {{title}}"),
            tuple("name", "Old name"),
            tuple("avatar", AVATAR));
    assertThat(form.field("template").orElseThrow().style()).isEqualTo(2);

    Interaction submit =
        h.discord.submitModal(
            edit,
            Map.of(
                "filter", "-first",
                "template", "**{{title}}**\n{{link}}",
                "name", "Python news",
                "avatar", ""));

    PostedMessage reply = submit.awaitReply(WAIT);
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .isEqualTo(
            "Saved the filter, template, name and avatar of Planet Python in "
                + news
                + ".\nFilter `-first`. Of its latest entry, it lets 0 through and stops 1:\n"
                + "❌ first\n"
                + "Posts through a webhook as **Python news**.\n"
                + "Its latest entry, as it would be posted:");
    PostedMessage preview = submit.awaitFollowUps(1, WAIT).get(0);
    assertThat(preview.content()).isEqualTo("**first**\nhttps://example.org/first");
    assertThat(preview.embed().title()).isEqualTo("first");
    Subscription after = stored(h, h.news);
    assertThat(after.filter()).isEqualTo("-first");
    assertThat(after.template()).isEqualTo("**{{title}}**\n{{link}}");
    assertThat(after.appearance()).isEqualTo(new Subscription.Appearance("Python news", null));
    assertThat(after.embed()).isTrue();
  }

  @Test
  void emptyFieldsClearEverything() {
    Interaction edit = open();
    edit.awaitModal(WAIT);

    PostedMessage reply =
        h.discord
            .submitModal(edit, Map.of("filter", "", "template", "", "name", "", "avatar", ""))
            .awaitReply(WAIT);

    assertThat(reply.content())
        .startsWith(
            "Saved the filter, template, name and avatar of Planet Python in "
                + news
                + ".\nNo filter: every new entry is posted.\nPosts as me.\n");
    Subscription after = stored(h, h.news);
    assertThat(after.filter()).isNull();
    assertThat(after.template()).isNull();
    assertThat(after.appearance()).isNull();
  }

  @Test
  void oneBadFieldSavesNoneAndEveryProblemIsListed() {
    Interaction edit = open();
    edit.awaitModal(WAIT);

    PostedMessage refused =
        h.discord
            .submitModal(
                edit,
                Map.of(
                    "filter", "django OR",
                    "template", "{{titel}}",
                    "name", "Clyde",
                    "avatar", "https://example.org/new.png"))
            .awaitReply(WAIT);

    assertThat(refused.content())
        .isEqualTo(
            "⚠️ Nothing was saved: 3 fields need fixing first. Open the form again with"
                + " /customize edit.\n"
                + "• Filter: OR needs a term on both sides at 8.\n```\ndjango OR\n       ^\n```\n"
                + "• Template: Unknown placeholder {{titel}} at line 1: did you mean {{title}}?"
                + " Known: title, link, author, summary, feed, published, categories, image.\n"
                + "• Name and avatar: Discord refuses names containing \"clyde\": choose another"
                + " name.");
    Interaction again = open();
    again.awaitModal(WAIT);
    PostedMessage oneBad =
        h.discord
            .submitModal(
                again, Map.of("filter", "django", "template", "{{title}}", "avatar", "ftp://x"))
            .awaitReply(WAIT);
    assertThat(oneBad.content())
        .startsWith("⚠️ Nothing was saved: one field needs fixing first.")
        .endsWith(
            "• Name and avatar: The avatar must be an http:// or https:// link to an image,"
                + " without spaces.");
    assertThat(stored(h, h.news)).isEqualTo(before);
  }

  @Test
  void aMemberWithoutManageChannelsGetsNoForm() {
    Interaction edit = customize(h, h.reader, h.news, "edit");

    PostedMessage refused = edit.awaitReply(WAIT);

    assertThat(edit.modal()).isEmpty();
    assertThat(refused.ephemeral()).isTrue();
    assertThat(refused.content())
        .isEqualTo(
            "⚠️ You need the Manage Channels permission in "
                + news
                + " to change its subscriptions.");
  }

  @Test
  void aSubmitterWhoLostManageChannelsSinceOpeningTheFormSavesNothing() {
    Interaction edit = open();
    edit.awaitModal(WAIT);
    h.discord.setPermissions(h.moderators, Permissions.NONE);

    PostedMessage refused =
        h.discord.submitModal(edit, Map.of("filter", "django")).awaitReply(WAIT);

    assertThat(refused.content())
        .isEqualTo(
            "⚠️ You need the Manage Channels permission in "
                + news
                + " to change its subscriptions. Nothing was saved.");
    assertThat(stored(h, h.news)).isEqualTo(before);
  }

  @Test
  void aSubscriptionRemovedSinceOpeningTheFormIsNotRecreated() {
    Interaction edit = open();
    edit.awaitModal(WAIT);
    h.command(h.admin, h.news, "unsubscribe", CommandOption.string("source", "planet-python"));

    PostedMessage refused =
        h.discord.submitModal(edit, Map.of("filter", "django")).awaitReply(WAIT);

    assertThat(refused.content())
        .isEqualTo(
            "⚠️ That subscription no longer exists (it was removed after the form was opened), so"
                + " nothing was saved. See /subscriptions for what this server receives.");
    try (Database db = h.database()) {
      assertThat(new SubscriptionStore(db).forChannel(h.news.id())).isEmpty();
    }
  }
}
