package dev.orrery.poll;

import static org.assertj.core.api.Assertions.assertThat;

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

  static OpmlFeed.Settings attributes(
      String filter, String template, String embed, String name, String avatar, String digest) {
    return new OpmlFeed.Settings(filter, template, embed, name, avatar, digest);
  }

  static String invalid(OpmlFeed.Settings attributes) {
    OpmlSettings.Checked checked = OpmlSettings.read(attributes, NOW);
    assertThat(checked).as(attributes.toString()).isInstanceOf(OpmlSettings.Checked.Invalid.class);
    return ((OpmlSettings.Checked.Invalid) checked).reason();
  }

  static Subscription.Settings valid(OpmlFeed.Settings attributes) {
    OpmlSettings.Checked checked = OpmlSettings.read(attributes, NOW);
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
  void aSettingOrreryCouldNotUseSaysWhichAndWhatToWrite() {
    assertThat(invalid(attributes(null, "{{#open}} never closed", null, null, null, null)))
        .startsWith("its orrery:template is not a Mustache template (");
    assertThat(invalid(attributes(null, null, "maybe", null, null, null)))
        .isEqualTo("its orrery:embed is 'maybe': write true or false, or leave it out");
    assertThat(invalid(attributes(null, null, "false", null, null, null)))
        .isEqualTo(
            "its orrery:embed is false and it has no orrery:template: its posts would be empty");
    assertThat(invalid(attributes(null, null, null, "x".repeat(81), null, null)))
        .isEqualTo("its orrery:name is 81 characters long; a webhook name is at most 80");
    assertThat(invalid(attributes(null, null, null, "Discord news", null, null)))
        .isEqualTo(
            "its orrery:name contains 'discord' or 'clyde', which Discord refuses in a webhook"
                + " name");
    assertThat(invalid(attributes(null, null, null, null, "file:///etc/passwd", null)))
        .isEqualTo(
            "its orrery:avatar is not an http(s) address of an image: write one, or leave it out");
    for (String digest :
        new String[] {"hourly 08:00 UTC", "daily 25:00 UTC", "daily 08:00 Mars/Olympus", "daily"}) {
      assertThat(invalid(attributes(null, null, null, null, null, digest)))
          .isEqualTo(
              "its orrery:digest is '"
                  + digest
                  + "': write how often, a time and a time zone, like 'daily 08:00 Europe/Paris'"
                  + " or 'weekly 09:30 UTC'");
    }
  }
}
