package dev.orrery.poll;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import dev.orrery.feed.OpmlFeed;
import dev.orrery.store.DigestSchedule;
import dev.orrery.store.Subscription;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;

/**
 * A subscription's settings as the attributes of its OPML outline: written from a subscription, and
 * read back from a file with a check of each, so a setting Orrery could not use refuses its feed
 * instead of being saved.
 */
public final class OpmlSettings {
  /** Discord's longest webhook name. */
  static final int MAX_NAME = 80;

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
   * The settings an outline asks for, checked.
   *
   * @param now when a digest's first period starts, so a new schedule never owes one
   */
  public static Checked read(OpmlFeed.Settings attributes, Instant now) {
    String template = text(attributes.template());
    if (template != null) {
      try {
        Mustache.compiler().compile(template);
      } catch (MustacheException e) {
        return new Checked.Invalid(
            "its orrery:template is not a Mustache template (" + e.getMessage() + ")");
      }
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
    String nameProblem = nameProblem(name);
    if (nameProblem != null) {
      return new Checked.Invalid(nameProblem);
    }
    String avatar = text(attributes.avatar());
    if (avatar != null && !isWebAddress(avatar)) {
      return new Checked.Invalid(
          "its orrery:avatar is not an http(s) address of an image: write one, or leave it out");
    }
    String digestText = text(attributes.digest());
    DigestSchedule digest = digestText == null ? null : digest(digestText, now);
    if (digestText != null && digest == null) {
      return new Checked.Invalid(
          "its orrery:digest is '"
              + digestText
              + "': write how often, a time and a time zone, like 'daily 08:00 Europe/Paris' or"
              + " 'weekly 09:30 UTC'");
    }
    return new Checked.Valid(
        new Subscription.Settings(
            text(attributes.filter()),
            template,
            embed,
            name == null && avatar == null ? null : new Subscription.Appearance(name, avatar),
            digest));
  }

  private static String nameProblem(String name) {
    if (name == null) {
      return null;
    }
    if (name.length() > MAX_NAME) {
      return "its orrery:name is "
          + name.length()
          + " characters long; a webhook name is at most "
          + MAX_NAME;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.contains("discord") || lower.contains("clyde")) {
      return "its orrery:name contains 'discord' or 'clyde', which Discord refuses in a webhook"
          + " name";
    }
    return null;
  }

  private static boolean isWebAddress(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && text.length() <= Catalogue.MAX_URL_LENGTH;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** "weekly 09:30 Europe/Paris", or null when it is not one. */
  private static DigestSchedule digest(String text, Instant now) {
    String[] words = text.split("\\s+");
    if (words.length != 3) {
      return null;
    }
    try {
      return new DigestSchedule(
          DigestSchedule.Every.valueOf(words[0].toUpperCase(Locale.ROOT)),
          LocalTime.parse(words[1]),
          ZoneId.of(words[2]),
          now);
    } catch (IllegalArgumentException | DateTimeException e) {
      return null; // not daily or weekly, not a time, or a time zone Java does not know
    }
  }

  private static String text(String attribute) {
    return attribute == null || attribute.isBlank() ? null : attribute.strip();
  }
}
