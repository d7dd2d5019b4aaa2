package dev.orrery.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.discord.PostingChecks;
import dev.orrery.feed.OpmlFeed;
import dev.orrery.store.DigestSchedule;
import dev.orrery.store.Subscription;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A subscription's settings written as OPML attributes and read back, each checked. */
class OpmlSettingsTest {
  static final Instant NOW = Instant.parse("2026-05-04T09:12:00Z");
  static final PostingRules RULES = new PostingChecks();

  static OpmlFeed.Settings attributes(
      String filter, String template, String embed, String name, String avatar, String digest) {
    return new OpmlFeed.Settings(filter, template, embed, name, avatar, digest);
  }

  static String invalid(OpmlFeed.Settings attributes) {
    OpmlSettings.Checked checked = OpmlSettings.read(attributes, NOW, RULES);
    assertThat(checked).as(attributes.toString()).isInstanceOf(OpmlSettings.Checked.Invalid.class);
    return ((OpmlSettings.Checked.Invalid) checked).reason();
  }

  static Subscription.Settings valid(OpmlFeed.Settings attributes) {
    OpmlSettings.Checked checked = OpmlSettings.read(attributes, NOW, RULES);
    assertThat(checked).as(attributes.toString()).isInstanceOf(OpmlSettings.Checked.Valid.class);
    return ((OpmlSettings.Checked.Valid) checked).settings();
  }

  @Test
  void everySettingIsWrittenAndReadBack() {
    Subscription.Settings settings =
        new Subscription.Settings(
            "python -django",
            "{{#title}}{{title}}{{/title}}",
            false,
            new Subscription.Appearance("Snakes", "https://example.org/a.png"),
            new DigestSchedule(
                DigestSchedule.Every.WEEKLY, LocalTime.of(9, 30), ZoneId.of("Europe/Paris"), null));
    OpmlFeed.Settings written = OpmlSettings.write(settings);
    assertThat(written)
        .isEqualTo(
            attributes(
                "python -django",
                "{{#title}}{{title}}{{/title}}",
                "false",
                "Snakes",
                "https://example.org/a.png",
                "weekly 09:30 Europe/Paris"));
    Subscription.Settings read = valid(written);
    assertThat(read.digest().lastDue()).as("a new schedule owes no period").isEqualTo(NOW);
    assertThat(read)
        .usingRecursiveComparison()
        .ignoringFields("digest.lastDue")
        .isEqualTo(settings);
  }

  @Test
  void defaultsAreLeftOutAndAbsentAttributesMeanDefaults() {
    assertThat(OpmlSettings.write(Subscription.Settings.DEFAULT)).isEqualTo(OpmlFeed.Settings.NONE);
    assertThat(valid(OpmlFeed.Settings.NONE)).isEqualTo(Subscription.Settings.DEFAULT);
    assertThat(valid(attributes("  ", "", "TRUE", null, " ", null)))
        .isEqualTo(Subscription.Settings.DEFAULT);
    assertThat(
            valid(attributes(null, null, null, null, "https://a.example/x.png", null)).appearance())
        .isEqualTo(new Subscription.Appearance(null, "https://a.example/x.png"));
  }

  @Test
  void aSettingOrreryCouldNotUseSaysWhichAndWhatToWriteWithTheCommandsOwnWords() {
    assertThat(invalid(attributes("django (orm", null, null, null, null, null)))
        .isEqualTo("its orrery:filter cannot be read: unclosed parenthesis at 8");
    assertThat(invalid(attributes(null, "{{titel}}", null, null, null, null)))
        .startsWith(
            "its orrery:template cannot be used: unknown placeholder {{titel}} at line 1: did you"
                + " mean {{title}}?");
    assertThat(invalid(attributes(null, null, "maybe", null, null, null)))
        .isEqualTo("its orrery:embed is 'maybe': write true or false, or leave it out");
    assertThat(invalid(attributes(null, null, "false", null, null, null)))
        .isEqualTo(
            "its orrery:embed is false and it has no orrery:template: its posts would be empty");
    assertThat(invalid(attributes(null, null, null, "x".repeat(81), null, null)))
        .isEqualTo(
            "its orrery:name or orrery:avatar cannot be used: the name is 81 characters long;"
                + " Discord takes at most 80");
    assertThat(invalid(attributes(null, null, null, "Discord news", null, null)))
        .isEqualTo(
            "its orrery:name or orrery:avatar cannot be used: Discord refuses names containing"
                + " \"discord\": choose another name");
    assertThat(invalid(attributes(null, null, null, null, "file:///etc/passwd", null)))
        .startsWith("its orrery:name or orrery:avatar cannot be used: ");
    assertThat(invalid(attributes(null, null, null, null, null, "daily")))
        .isEqualTo(
            "its orrery:digest is 'daily': write how often, a time and a time zone, like 'daily"
                + " 08:00 Europe/Paris' or 'weekly 09:30 UTC'");
    assertThat(invalid(attributes(null, null, null, null, null, "hourly 08:00 UTC")))
        .isEqualTo(
            "its orrery:digest is 'hourly 08:00 UTC': unknown frequency 'hourly': type daily or weekly");
    assertThat(invalid(attributes(null, null, null, null, null, "daily 25:00 UTC")))
        .startsWith("its orrery:digest is 'daily 25:00 UTC': '25:00' is not a time of day");
    assertThat(invalid(attributes(null, null, null, null, null, "daily 08:00 Europe/Pariss")))
        .isEqualTo(
            "its orrery:digest is 'daily 08:00 Europe/Pariss': unknown time zone 'Europe/Pariss':"
                + " did you mean Europe/Paris?");
  }
}
