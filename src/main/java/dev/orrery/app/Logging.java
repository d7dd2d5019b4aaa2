package dev.orrery.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the log level from the configuration once it is known. */
final class Logging {
  private Logging() {}

  static void setLevel(String level) {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.toLevel(level, Level.INFO));
      if (LoggerFactory.getLogger("dev.orrery") instanceof Logger ours) {
        ours.setLevel(null); // inherit the root level
      }
    }
  }
}
