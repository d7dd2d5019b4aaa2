package dev.orrery.store;

/** A database operation failed; the message says what was being attempted. */
public final class StoreException extends RuntimeException {
  public StoreException(String attempted, Throwable cause) {
    super("store: unable to " + attempted + ": " + cause.getMessage(), cause);
  }
}
