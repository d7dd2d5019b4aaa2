package dev.orrery.discord;

/** A message template refused: the message says what is wrong, where, and what to write instead. */
final class TemplateException extends Exception {
  TemplateException(String message) {
    super(message);
  }
}
