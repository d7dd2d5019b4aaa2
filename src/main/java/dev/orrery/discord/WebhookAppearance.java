package dev.orrery.discord;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The name and avatar a subscription posts under through a webhook, checked as Discord checks a
 * webhook's name and a message's avatar URL, so a refusal comes before saving, not at posting.
 */
final class WebhookAppearance {
  /** Discord takes webhook names of 1 to 80 characters. */
  static final int NAME_MAX = 80;

  /** The longest avatar URL accepted, as long as a feed URL may be. */
  static final int AVATAR_MAX = 2048;

  /** Words Discord refuses anywhere in a webhook's name, in any case. */
  private static final List<String> REFUSED_WORDS = List.of("discord", "clyde");

  private WebhookAppearance() {}

  /** What was typed, without the space around it; null when nothing was. */
  static String typed(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** What is wrong with each of them, in a sentence each; empty when Discord will take both. */
  static List<String> problems(String name, String avatarUrl) {
    List<String> problems = new ArrayList<>(2);
    String nameProblem = nameProblem(name);
    if (nameProblem != null) {
      problems.add(nameProblem);
    }
    String avatarProblem = avatarProblem(avatarUrl);
    if (avatarProblem != null) {
      problems.add(avatarProblem);
    }
    return problems;
  }

  /** What is wrong with the name, or null when it is fine or absent. */
  static String nameProblem(String name) {
    if (name == null) {
      return null;
    }
    if (name.length() > NAME_MAX) {
      return "The name is "
          + name.length()
          + " characters long; Discord takes at most "
          + NAME_MAX
          + ": shorten it.";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (String word : REFUSED_WORDS) {
      if (lower.contains(word)) {
        return "Discord refuses names containing \""
            + word
            + "\" for webhooks: choose a name without it.";
      }
    }
    return null;
  }

  /** What is wrong with the avatar's address, or null when it is fine or absent. */
  static String avatarProblem(String url) {
    if (url == null) {
      return null;
    }
    if (url.length() > AVATAR_MAX) {
      return String.format(
          Locale.ROOT,
          "The avatar URL is %,d characters long; at most %,d are taken: link a copy of the image"
              + " at a shorter address.",
          url.length(),
          AVATAR_MAX);
    }
    String refusal =
        "The avatar must be the http(s) address of an image, such as"
            + " https://example.org/logo.png.";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return refusal;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean web = scheme.equals("http") || scheme.equals("https");
    if (!web || uri.getHost() == null || uri.getHost().isEmpty()) {
      return refusal;
    }
    return null;
  }
}
