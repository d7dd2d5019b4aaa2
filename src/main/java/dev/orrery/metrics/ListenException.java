package dev.orrery.metrics;

/** The address of {@code metrics.listen} cannot be listened on; the message says what to do. */
public final class ListenException extends RuntimeException {
  ListenException(String message, Throwable cause) {
    super(message, cause);
  }
}
