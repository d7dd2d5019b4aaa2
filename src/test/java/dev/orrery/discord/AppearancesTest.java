package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.config.Config;
import dev.orrery.poll.Catalogue;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription.Appearance;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The name and avatar of a webhook post, and the names and links Discord would refuse. */
class AppearancesTest {
  static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

  static Feed feed(String title, String siteUrl, String imageUrl) {
    return new Feed(
        1,
        "https://example.org/feed.xml",
        null,
        title,
        siteUrl,
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
        imageUrl,
        null,
        null,
        null);
  }

  final Catalogue catalogue =
      new Catalogue(
          Map.of(
              "example",
              new Config.Source(
                  "example", URI.create("https://example.org/feed.xml"), "Example Planet", null)));

  @Test
  void aChosenNameAndAvatarAreShownAsChosen() {
    Appearances.Shown shown =
        Appearances.shown(
            new Appearance("Release bot", "https://cdn.example.org/bot.png"),
            feed("Blog", "https://example.org/", "https://example.org/logo.png"),
            catalogue);
    assertThat(shown)
        .isEqualTo(new Appearances.Shown("Release bot", "https://cdn.example.org/bot.png"));
  }

  @Test
  void withoutANameTheSourcesCatalogueTitleIsShownAndWithoutAnAvatarTheFeedsImage() {
    Feed feed = feed("Blog", "https://example.org/", "https://example.org/logo.png");
    assertThat(
            Appearances.shown(
                new Appearance(null, "https://cdn.example.org/a.png"), feed, catalogue))
        .isEqualTo(new Appearances.Shown("Example Planet", "https://cdn.example.org/a.png"));
    assertThat(Appearances.shown(new Appearance("Mine", null), feed, catalogue))
        .isEqualTo(new Appearances.Shown("Mine", "https://example.org/logo.png"));
    assertThat(Appearances.shown(new Appearance("Mine", null), feed, new Catalogue(Map.of())))
        .isEqualTo(new Appearances.Shown("Mine", "https://example.org/logo.png"));
    assertThat(
            Appearances.shown(new Appearance(null, null), feed, new Catalogue(Map.of())).username())
        .isEqualTo("Blog");
  }

  @Test
  void aFeedWithoutAnImageShowsItsSitesIconAndOneWithoutAnHttpSiteTheWebhooksOwn() {
    assertThat(Appearances.defaultAvatar(feed("Blog", "https://example.org/blog/", null)))
        .isEqualTo("https://example.org/favicon.ico");
    assertThat(
            Appearances.defaultAvatar(
                feed("Blog", "http://example.org/blog/", "ftp://example.org/logo.png")))
        .isEqualTo("http://example.org/favicon.ico");
    assertThat(Appearances.defaultAvatar(feed("Blog", null, null))).isNull();
    assertThat(Appearances.defaultAvatar(feed("Blog", "file:///etc/passwd", null))).isNull();
  }

  @Test
  void aNameDiscordWouldRefuseIsMadeAcceptableForDefaults() {
    assertThat(Appearances.acceptable("Discord Developers")).isEqualTo("Disc0rd Developers");
    assertThat(Appearances.acceptable("CLYDE and discord news"))
        .isEqualTo("C1YDE and disc0rd news");
    assertThat(Appearances.acceptable("  spaced  ")).isEqualTo("spaced");
    assertThat(Appearances.acceptable("n".repeat(200))).hasSize(80).endsWith("…");
    assertThat(Appearances.acceptable(" ")).isEqualTo("Orrery");
    assertThat(Appearances.nameRefusal(Appearances.acceptable("x".repeat(90) + "Discord")))
        .isEmpty();
  }

  @Test
  void aStoredNameDiscordWouldRefuseIsStillPostedUnderAnAcceptableForm() {
    Feed feed = feed("Blog", null, null);
    assertThat(Appearances.shown(new Appearance("My Discord", "not a link"), feed, catalogue))
        .isEqualTo(new Appearances.Shown("My Disc0rd", null));
  }

  @Test
  void namesAndAvatarsAPersonChoosesAreCheckedAsDiscordChecksThem() {
    assertThat(Appearances.refusal("Release bot", "https://cdn.example.org/bot.png")).isEmpty();
    assertThat(Appearances.refusal(null, null)).isEmpty();
    assertThat(Appearances.refusal("n".repeat(80), null)).isEmpty();
    assertThat(Appearances.refusal("n".repeat(81), null))
        .contains("the name is 81 characters long; Discord takes at most 80");
    assertThat(Appearances.refusal("   ", null)).get().asString().startsWith("the name is blank");
    assertThat(Appearances.refusal("News from Discord", null))
        .contains("Discord refuses names containing \"discord\": choose another name");
    assertThat(Appearances.refusal("cLyDe", null))
        .contains("Discord refuses names containing \"clyde\": choose another name");
    assertThat(Appearances.refusal("ok", "javascript:alert(1)"))
        .contains("the avatar must be an http:// or https:// link to an image, without spaces");
    assertThat(Appearances.refusal("ok", "https://example.org/a b.png")).isPresent();
    assertThat(Appearances.refusal("ok", "https://example.org/" + "a".repeat(2029)))
        .contains("the avatar link is 2,049 characters long; at most 2,048 are kept");
    assertThat(Appearances.refusal(null, "https://example.org/" + "a".repeat(2028))).isEmpty();
  }
}
