package dev.orrery.discord;

import static dev.orrery.discord.BotHarness.WAIT;
import static dev.orrery.discord.CustomizeEndToEndTest.customize;
import static dev.orrery.discord.CustomizeEndToEndTest.stored;
import static dev.orrery.discord.TemplatesEndToEndTest.FIRST;
import static dev.orrery.discord.TemplatesEndToEndTest.newItem;
import static dev.orrery.discord.TemplatesEndToEndTest.rss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.Permissions;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.store.Subscription;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /customize appearance}: the name and avatar a subscription posts under. */
class CustomizeAppearanceEndToEndTest {
  static final String AVATAR = "https://example.org/logo.png";

  @TempDir Path dir;
  BotHarness h;
  String news;

  @BeforeEach
  void start() {
    h = new BotHarness(dir);
    h.feeds.serve("/planet-python.xml", rss(FIRST));
    news = "<#" + h.news.id() + ">";
    h.startBot();
    h.subscribe(h.news, "planet-python");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  PostedMessage appearance(Channel channel, CommandOption... options) {
    return customize(h, h.admin, channel, "appearance", options).awaitReply(WAIT);
  }

  void allowWebhooks(Channel channel) {
    h.discord.grant(channel, h.discord.botMember(h.guild), Permissions.MANAGE_WEBHOOKS);
  }

  @Test
  void aNameAndAvatarAreSavedAndShownAsPostsWillBeSigned() {
    allowWebhooks(h.news);

    PostedMessage reply =
        appearance(
            h.news,
            CommandOption.string("name", "  Python *news*  "),
            CommandOption.string("avatar", AVATAR));

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .isEqualTo("Planet Python in " + news + " now posts through a webhook, signed like this:");
    assertThat(reply.embed().authorName()).isEqualTo("Python *news*");
    assertThat(reply.embed().raw().getObject("author").getString("icon_url")).isEqualTo(AVATAR);
    assertThat(reply.embed().description()).isEqualTo("Name: Python \\*news\\*\nAvatar: " + AVATAR);
    assertThat(stored(h, h.news).appearance())
        .isEqualTo(new Subscription.Appearance("Python *news*", AVATAR));

    h.feeds.serve("/planet-python.xml", rss(newItem("Templates *arrive*", "x") + FIRST));
    PostedMessage post = h.discord.webhooks().awaitMessages(h.news, 1, WAIT).get(0);
    assertThat(post.webhook().username()).isEqualTo("Python *news*");
    assertThat(post.webhook().avatarUrl()).isEqualTo(AVATAR);
    assertThat(post.embed().title()).isEqualTo("Templates \\*arrive\\*");
  }

  @Test
  void anAvatarAloneKeepsTheSourcesTitleAsTheName() {
    allowWebhooks(h.news);

    PostedMessage reply = appearance(h.news, CommandOption.string("avatar", AVATAR));

    assertThat(reply.embed().authorName()).isEqualTo("Planet Python");
    assertThat(stored(h, h.news).appearance()).isEqualTo(new Subscription.Appearance(null, AVATAR));
  }

  @Test
  void withoutManageWebhooksTheBotSaysSoAndSavesNothing() {
    PostedMessage refused = appearance(h.news, CommandOption.string("name", "Python news"));

    assertThat(refused.ephemeral()).isTrue();
    assertThat(refused.content())
        .isEqualTo(
            "⚠️ I need the Manage Webhooks permission in "
                + news
                + " (or the channel its thread is in) to post under another name: ask an admin to"
                + " allow it for me, then try again. Nothing was saved.");
    assertThat(stored(h, h.news).appearance()).isNull();
  }

  @Test
  void inAThreadTheParentChannelsManageWebhooksCounts() {
    Channel thread = h.discord.createThread(h.news, "releases");
    h.subscribe(thread, "planet-python");
    allowWebhooks(h.news);

    PostedMessage reply = appearance(thread, CommandOption.string("name", "Releases"));

    assertThat(reply.content()).startsWith("Planet Python in <#" + thread.id() + "> now posts");
    assertThat(stored(h, thread).appearance())
        .isEqualTo(new Subscription.Appearance("Releases", null));
  }

  @Test
  void aNameDiscordRefusesOrABadAvatarIsRefusedWithEveryProblemAndNothingIsSaved() {
    allowWebhooks(h.news);

    PostedMessage both =
        appearance(
            h.news,
            CommandOption.string("name", "Clyde's feed"),
            CommandOption.string("avatar", "ftp://example.org/logo.png"));
    PostedMessage discord = appearance(h.news, CommandOption.string("name", "The DISCORD news"));
    PostedMessage longName = appearance(h.news, CommandOption.string("name", "n".repeat(81)));
    PostedMessage longAvatar =
        appearance(
            h.news, CommandOption.string("avatar", "https://example.org/" + "a".repeat(2030)));

    assertThat(both.content())
        .isEqualTo(
            "⚠️ Discord refuses names containing \"clyde\": choose another name. The avatar must"
                + " be an http:// or https:// link to an image, without spaces. Nothing was saved.");
    assertThat(discord.content())
        .isEqualTo(
            "⚠️ Discord refuses names containing \"discord\": choose another name. Nothing was"
                + " saved.");
    assertThat(longName.content())
        .isEqualTo(
            "⚠️ The name is 81 characters long; Discord takes at most 80. Nothing was saved.");
    assertThat(longAvatar.content())
        .isEqualTo(
            "⚠️ The avatar link is 2,050 characters long; at most 2,048 are kept. Nothing was"
                + " saved.");
    assertThat(stored(h, h.news).appearance()).isNull();
  }

  @Test
  void neitherNameNorAvatarPostsAsTheBotAgainEvenWithoutManageWebhooks() {
    allowWebhooks(h.news);
    appearance(h.news, CommandOption.string("name", "Python news"));
    h.discord.revoke(h.news, h.discord.botMember(h.guild), Permissions.MANAGE_WEBHOOKS);

    PostedMessage cleared = appearance(h.news);

    assertThat(cleared.content()).isEqualTo("Planet Python in " + news + " posts as me again.");
    assertThat(cleared.embeds()).isEmpty();
    assertThat(stored(h, h.news).appearance()).isNull();
  }
}
