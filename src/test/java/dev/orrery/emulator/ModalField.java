package dev.orrery.emulator;

/**
 * A text input of a modal the bot showed: its custom id, the label the user reads (from the
 * wrapping label component, or the text input's own in a legacy action row), style (1 short, 2
 * paragraph), length bounds, whether it is required, and the value it was pre-filled with (null if
 * none).
 */
public record ModalField(
    String customId,
    String label,
    int style,
    int minLength,
    int maxLength,
    boolean required,
    String value,
    String placeholder) {

  /** Whether the user could submit {@code text} in this field; the reason if not, else null. */
  String problemWith(String text) {
    if (text.isEmpty()) {
      return required ? "is required" : null;
    }
    if (text.length() < minLength) {
      return "needs at least " + minLength + " characters, got " + text.length();
    }
    if (text.length() > maxLength) {
      return "takes at most " + maxLength + " characters, got " + text.length();
    }
    return null;
  }
}
