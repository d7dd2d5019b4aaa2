package dev.orrery.config;

/** A value that must never reach a log line or an error message. */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = value == null ? "" : value;
  }

  /** The real value: pass it to the library that needs it, and nowhere else. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isBlank();
  }

  /** The first characters are kept so a person can tell two tokens apart, the rest is masked. */
  public String masked() {
    if (value.isEmpty()) {
      return "(not set)";
    }
    return value.length() <= 12 ? "****" : value.substring(0, 4) + "****";
  }

  @Override
  public String toString() {
    return masked();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
