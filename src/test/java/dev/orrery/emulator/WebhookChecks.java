package dev.orrery.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discord's rules for webhook names (and the username a message is executed with) and avatars: 1-80
 * characters, never containing "clyde" or "discord"; an avatar is a base64 image data URI.
 */
final class WebhookChecks {
  static final int MAX_NAME = 80;
  static final int MAX_PER_CHANNEL = 15;

  private static final Pattern DATA_URI =
      Pattern.compile("data:image/(png|jpeg|jpg|gif|webp);base64,([A-Za-z0-9+/=]+)");

  private WebhookChecks() {}

  /** Adds the errors of a name or username at {@code field}. */
  static void name(FormErrors errors, String field, String name) {
    if (name.isEmpty() || name.length() > MAX_NAME) {
      errors.add(
          field, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + MAX_NAME + " in length.");
      return;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (String reserved : new String[] {"clyde", "discord"}) {
      if (lower.contains(reserved)) {
        errors.add(
            field, "USERNAME_INVALID_CONTAINS", "Username cannot contain \"" + reserved + "\"");
      }
    }
  }

  /** The hash Discord keeps for an avatar data URI; null for none; 50035 when it is no image. */
  static String avatarHash(String dataUri) {
    if (dataUri == null) {
      return null;
    }
    Matcher matcher = DATA_URI.matcher(dataUri);
    try {
      if (matcher.matches()) {
        return hash(Base64.getDecoder().decode(matcher.group(2)));
      }
    } catch (IllegalArgumentException badBase64) {
      // reported below, like any other non-image
    }
    throw ApiError.invalidFormBody(
        FormErrors.single("avatar", "IMAGE_INVALID", "Invalid image data"));
  }

  /**
   * The avatar hash a message's author gets for an {@code avatar_url}: Discord fetches and hashes
   * the image; here the URL stands for it.
   */
  static String urlHash(String url) {
    return url == null ? null : hash(url.getBytes(StandardCharsets.UTF_8));
  }

  private static String hash(byte[] bytes) {
    return UUID.nameUUIDFromBytes(bytes).toString().replace("-", "");
  }
}
