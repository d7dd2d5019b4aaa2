package dev.orrery.store;

/**
 * A database operation failed. The message says what was being attempted and why in words a person
 * can act on; the database's own words stay in the cause, for the log.
 */
public class StoreException extends RuntimeException {
  public StoreException(String attempted, Throwable cause) {
    this(attempted, "the database answered with an error (the log has the details)", cause);
  }

  StoreException(String attempted, String reason, Throwable cause) {
    super("store: unable to " + attempted + ": " + reason, cause);
  }

  /**
   * The disk holding the database has no room: nothing was written, and every write will fail until
   * space is freed.
   */
  public static final class DiskFull extends StoreException {
    private final String database;

    DiskFull(String attempted, String database, Throwable cause) {
      super(attempted, "the disk is full", cause);
      this.database = database;
    }

    /** "the disk holding /srv/orrery/orrery.db is full", for people. */
    @Override
    public String getMessage() {
      return "the disk holding " + database + " is full";
    }
  }
}
