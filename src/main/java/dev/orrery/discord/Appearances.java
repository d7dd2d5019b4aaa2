package dev.orrery.discord;

import dev.orrery.poll.Catalogue;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a webhook post shows as: the subscription's own name and avatar, else its source's title and
 * the feed's image or site icon; and Discord's rules for both, checked before anything is saved.
 */
final class Appearances {
  /** Discord takes webhook names and usernames of 1 to 80 characters. */
  static final int NAME_MAX = 80;

  /** The longest avatar link a subscription may keep. */
  static final int AVATAR_URL_MAX = 2048;

  /** Discord refuses a webhook name or username containing these, in any case. */
  private static final Pattern RESERVED =
      Pattern.compile("discord|clyde", Pattern.CASE_INSENSITIVE);

  private static final Pattern HTTP_URL =
      Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);

  /**
   * The name and avatar a post is executed with.
   *
   * @param avatarUrl null: the webhook's own avatar
   */
  record Shown(String username, String avatarUrl) {}

  private Appearances() {}

  /** What a post of this subscription shows: its own choices, the source's where it made none. */
  static Shown shown(Subscription.Appearance appearance, Feed feed, Catalogue catalogue) {
    String name =
        appearance != null && appearance.name() != null && !appearance.name().isBlank()
            ? appearance.name()
            : catalogue.displayName(feed);
    String avatar =
        appearance != null
                && appearance.avatarUrl() != null
                && avatarRefusal(appearance.avatarUrl()).isEmpty()
            ? appearance.avatarUrl()
            : defaultAvatar(feed);
    return new Shown(acceptable(name), avatar);
  }

  /** The feed's own image, else the icon of its site; null when neither is an http(s) link. */
  static String defaultAvatar(Feed feed) {
    String image = EntryRenderer.linkable(feed.imageUrl());
    if (image != null) {
      return image;
    }
    String site = EntryRenderer.linkable(feed.siteUrl());
    if (site == null) {
      return null;
    }
    try {
      return EntryRenderer.linkable(URI.create(site).resolve("/favicon.ico").toString());
    } catch (IllegalArgumentException notAUri) {
      return null;
    }
  }

  /**
   * A name Discord takes, made from any text: stripped, "discord" and "clyde" altered so they no
   * longer read as Discord's own (disc0rd, c1yde), cut to 80 characters.
   */
  static String acceptable(String name) {
    String text = name == null ? "" : name.strip();
    if (text.isEmpty()) {
      return "Orrery";
    }
    Matcher reserved = RESERVED.matcher(text);
    StringBuilder out = new StringBuilder();
    while (reserved.find()) {
      String word = reserved.group();
      int at = word.toLowerCase(Locale.ROOT).equals("discord") ? 4 : 1;
      String altered = word.substring(0, at) + (at == 4 ? '0' : '1') + word.substring(at + 1);
      reserved.appendReplacement(out, Matcher.quoteReplacement(altered));
    }
    reserved.appendTail(out);
    return EntryRenderer.cut(out.toString(), NAME_MAX);
  }

  /**
   * Why Discord would refuse this name and avatar a person chose, in a sentence for them; empty
   * when both are fine. Null stands for "not given" and is always fine.
   */
  static Optional<String> refusal(String name, String avatarUrl) {
    return nameRefusal(name).or(() -> avatarRefusal(avatarUrl));
  }

  static Optional<String> nameRefusal(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String text = name.strip();
    if (text.isEmpty()) {
      return Optional.of(
          "the name is blank: give 1 to "
              + NAME_MAX
              + " characters, or leave it out to post under the source's title");
    }
    if (text.length() > NAME_MAX) {
      return Optional.of(
          "the name is " + text.length() + " characters long; Discord takes at most " + NAME_MAX);
    }
    Matcher reserved = RESERVED.matcher(text);
    if (reserved.find()) {
      return Optional.of(
          "Discord refuses names containing \""
              + reserved.group().toLowerCase(Locale.ROOT)
              + "\": choose another name");
    }
    return Optional.empty();
  }

  static Optional<String> avatarRefusal(String avatarUrl) {
    if (avatarUrl == null) {
      return Optional.empty();
    }
    if (avatarUrl.length() > AVATAR_URL_MAX) {
      return Optional.of(
          "the avatar link is "
              + String.format(Locale.ROOT, "%,d", avatarUrl.length())
              + " characters long; at most "
              + String.format(Locale.ROOT, "%,d", AVATAR_URL_MAX)
              + " are kept");
    }
    if (!HTTP_URL.matcher(avatarUrl).matches()) {
      return Optional.of(
          "the avatar must be an http:// or https:// link to an image, without spaces");
    }
    return Optional.empty();
  }
}
