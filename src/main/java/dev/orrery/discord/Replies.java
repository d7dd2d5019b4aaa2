package dev.orrery.discord;

import dev.orrery.feed.InvisibleCharacters;
import dev.orrery.markdown.DiscordMarkdown;
import java.util.EnumSet;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/** Answers to a deferred slash command; none of them can ping anyone. */
final class Replies {
  private Replies() {}

  /** Replaces the "thinking…" placeholder with {@code text}. */
  static void answer(InteractionHook hook, String text) {
    hook.editOriginal(quiet(text).build()).queue();
  }

  /** As {@link #answer}, without a preview of each link: for a reply that lists many URLs. */
  static void answerWithoutPreviews(InteractionHook hook, String text) {
    hook.editOriginal(quiet(text).setSuppressEmbeds(true).build()).queue();
  }

  /** Replaces the placeholder with {@code text} above an embed. */
  static void answer(InteractionHook hook, String text, MessageEmbed embed) {
    hook.editOriginal(quiet(text).setEmbeds(embed).build()).queue();
  }

  /**
   * Replaces the placeholder with {@code text}, then shows {@code preview} under it to the caller
   * alone: its text and embeds as they would be posted, but pinging nobody, not even the role it
   * mentions.
   */
  static void answer(InteractionHook hook, String text, MessageCreateData preview) {
    MessageCreateData quiet =
        new MessageCreateBuilder()
            .setContent(preview.getContent())
            .setEmbeds(preview.getEmbeds())
            .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
            .build();
    // after the answer: a follow-up sent first would take the placeholder's place
    hook.editOriginal(quiet(text).build())
        .queue(answered -> hook.sendMessage(quiet).setEphemeral(true).queue());
  }

  private static MessageEditBuilder quiet(String text) {
    return new MessageEditBuilder()
        .setContent(EntryRenderer.cut(text, Message.MAX_CONTENT_LENGTH))
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
  }

  /**
   * An error only the caller sees. When the deferred reply was public, it is removed and the error
   * follows as an ephemeral message.
   */
  static void error(InteractionHook hook, boolean deferredEphemeral, String text) {
    String content = EntryRenderer.cut("⚠️ " + text, Message.MAX_CONTENT_LENGTH);
    if (deferredEphemeral) {
      answer(hook, content);
      return;
    }
    // the first follow-up after a defer would fill the public placeholder: remove it first
    hook.deleteOriginal()
        .queue(
            deleted ->
                hook.sendMessage(content)
                    .setEphemeral(true)
                    .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                    .queue());
  }

  /**
   * Text a person typed or a feed wrote, made inert for a reply: no markdown, no mentions, and none
   * of the characters that would hide or reorder the rest of the reply (controls, bidi overrides,
   * zero-width characters).
   */
  static String inert(String text) {
    return text == null ? null : DiscordMarkdown.escape(InvisibleCharacters.strip(text));
  }

  /** Inline code that the text cannot close: its backticks become look-alike quotes. */
  static String code(String text) {
    return "`" + InvisibleCharacters.strip(text).replace('`', 'ˋ').replace('\n', ' ') + "`";
  }

  /**
   * Text from the feed side as a sentence of a reply: made inert, capitalised, with its stop
   * (unless it ends with a question already).
   */
  static String sentence(String text) {
    String inert = inert(text);
    if (inert.isEmpty()) {
      return inert;
    }
    String stop = inert.endsWith("?") || inert.endsWith(".") ? "" : ".";
    return Character.toUpperCase(inert.charAt(0)) + inert.substring(1) + stop;
  }
}
