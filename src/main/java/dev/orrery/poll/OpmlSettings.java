package dev.orrery.poll;

import dev.orrery.feed.OpmlFeed;
import dev.orrery.rules.Filter;
import dev.orrery.rules.FilterException;
import dev.orrery.store.DigestSchedule;
import dev.orrery.store.Subscription;
import java.time.Instant;
import java.util.Optional;

/**
 * A subscription's settings as the attributes of its OPML outline: written from a subscription, and
 * read back from a file with a check of each, so a setting Orrery could not use refuses its feed
 * instead of being saved.
 */
public final class OpmlSettings {
  private OpmlSettings() {}

  /** What reading a feed's attributes came to. */
  public sealed interface Checked {
    record Valid(Subscription.Settings settings) implements Checked {}

    /** The reason names the attribute, what is wrong with it and what to write instead. */
    record Invalid(String reason) implements Checked {}
  }

  /** The attributes of a subscription's outline; a setting left at its default is left out. */
  public static OpmlFeed.Settings write(Subscription.Settings settings) {
    Subscription.Appearance appearance = settings.appearance();
    DigestSchedule digest = settings.digest();
    return new OpmlFeed.Settings(
        settings.filter(),
        settings.template(),
        settings.embed() ? null : "false",
        appearance == null ? null : appearance.name(),
        appearance == null ? null : appearance.avatarUrl(),
        digest == null
            ? null
            : digest.every().word() + " " + digest.at() + " " + digest.zone().getId());
  }

  /**
   * The settings an outline asks for, each checked by the rules the commands that set it use.
   *
   * @param now when a digest's first period starts, so a new schedule never owes one
   */
  public static Checked read(OpmlFeed.Settings attributes, Instant now, PostingRules rules) {
    String filter = text(attributes.filter());
    if (filter != null) {
      try {
        filter = Filter.parse(filter).expression();
      } catch (FilterException e) {
        return new Checked.Invalid("its orrery:filter cannot be read: " + e.getMessage());
      }
    }
    String template = text(attributes.template());
    Optional<String> templateRefusal =
        template == null ? Optional.empty() : rules.templateRefusal(template);
    if (templateRefusal.isPresent()) {
      return new Checked.Invalid("its orrery:template cannot be used: " + templateRefusal.get());
    }
    String embedText = text(attributes.embed());
    if (embedText != null
        && !embedText.equalsIgnoreCase("true")
        && !embedText.equalsIgnoreCase("false")) {
      return new Checked.Invalid(
          "its orrery:embed is '" + embedText + "': write true or false, or leave it out");
    }
    boolean embed = embedText == null || embedText.equalsIgnoreCase("true");
    if (!embed && template == null) {
      return new Checked.Invalid(
          "its orrery:embed is false and it has no orrery:template: its posts would be empty");
    }
    String name = text(attributes.name());
    String avatar = text(attributes.avatar());
    Optional<String> appearanceRefusal = rules.appearanceRefusal(name, avatar);
    if (appearanceRefusal.isPresent()) {
      return new Checked.Invalid(
          "its orrery:name or orrery:avatar cannot be used: " + appearanceRefusal.get());
    }
    String digestText = text(attributes.digest());
    DigestSchedule digest = null;
    if (digestText != null) {
      String[] words = digestText.split("\\s+");
      DigestService.Parsed parsed =
          words.length == 3
              ? DigestService.parse(words[0], words[1], words[2], now)
              : new DigestService.Parsed.Refused(
                  "write how often, a time and a time zone, like 'daily 08:00 Europe/Paris' or"
                      + " 'weekly 09:30 UTC'");
      if (parsed instanceof DigestService.Parsed.Refused refused) {
        return new Checked.Invalid(
            "its orrery:digest is '" + digestText + "': " + refused.reason());
      }
      digest = ((DigestService.Parsed.Schedule) parsed).schedule();
    }
    return new Checked.Valid(
        new Subscription.Settings(
            filter,
            template,
            embed,
            name == null && avatar == null ? null : new Subscription.Appearance(name, avatar),
            digest));
  }

  private static String text(String attribute) {
    return attribute == null || attribute.isBlank() ? null : attribute.strip();
  }
}
