package dev.orrery.emulator;

import java.util.List;

/**
 * Discord's size limits on a message; a breach is 400 Invalid Form Body (50035) naming each field.
 */
final class MessageLimits {
  static final int CONTENT = 2000;
  static final int EMBEDS = 10;
  static final int EMBED_TITLE = 256;
  static final int EMBED_DESCRIPTION = 4096;
  static final int EMBED_FIELDS = 25;
  static final int FIELD_NAME = 256;
  static final int FIELD_VALUE = 1024;
  static final int FOOTER_TEXT = 2048;
  static final int AUTHOR_NAME = 256;
  static final int EMBEDS_TOTAL = 6000;
  static final int NONCE = 25;

  private MessageLimits() {}

  /** Throws 50035 with every breached limit listed, as Discord reports them all at once. */
  static void check(MessageDraft draft) {
    FormErrors errors = new FormErrors();
    maxLength(errors, "content", draft.content(), CONTENT);
    if (draft.nonce() != null) {
      maxLength(errors, "nonce", draft.nonce(), NONCE);
    }
    List<PostedEmbed> embeds = draft.embeds();
    if (embeds.size() > EMBEDS) {
      errors.add("embeds", "BASE_TYPE_MAX_LENGTH", "Must be " + EMBEDS + " or fewer in length.");
    }
    int total = 0;
    for (int i = 0; i < embeds.size(); i++) {
      PostedEmbed embed = embeds.get(i);
      String at = "embeds." + i + ".";
      maxLength(errors, at + "title", embed.title(), EMBED_TITLE);
      maxLength(errors, at + "description", embed.description(), EMBED_DESCRIPTION);
      maxLength(errors, at + "author.name", embed.authorName(), AUTHOR_NAME);
      maxLength(errors, at + "footer.text", embed.footerText(), FOOTER_TEXT);
      if (embed.fields().size() > EMBED_FIELDS) {
        errors.add(
            at + "fields",
            "BASE_TYPE_MAX_LENGTH",
            "Must be " + EMBED_FIELDS + " or fewer in length.");
      }
      for (int f = 0; f < embed.fields().size(); f++) {
        maxLength(errors, at + "fields." + f + ".name", embed.fields().get(f).name(), FIELD_NAME);
        maxLength(
            errors, at + "fields." + f + ".value", embed.fields().get(f).value(), FIELD_VALUE);
      }
      total += embed.length();
    }
    if (total > EMBEDS_TOTAL) {
      errors.add(
          "embeds",
          "MAX_EMBED_SIZE_EXCEEDED",
          "Embed size exceeds maximum size of " + EMBEDS_TOTAL);
    }
    AllowedMentions mentions = draft.allowedMentions();
    if (mentions.parse().contains("users") && !mentions.users().isEmpty()) {
      errors.add(
          "allowed_mentions",
          "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
          "parse:[\"users\"] and users: [ids...] are mutually exclusive.");
    }
    if (mentions.parse().contains("roles") && !mentions.roles().isEmpty()) {
      errors.add(
          "allowed_mentions",
          "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
          "parse:[\"roles\"] and roles: [ids...] are mutually exclusive.");
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalidFormBody(errors.toJson());
    }
  }

  // Discord counts UTF-16 code units like Java's length(), which is also what JDA checks before
  // sending
  private static void maxLength(FormErrors errors, String path, String value, int max) {
    if (value != null && value.length() > max) {
      errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
    }
  }
}
