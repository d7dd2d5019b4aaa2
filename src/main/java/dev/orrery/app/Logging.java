package dev.orrery.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/** Sets the log level and the format of the log lines from the configuration once it is known. */
final class Logging {
  /** The appender of logback.xml that writes to standard error. */
  static final String CONSOLE = "STDERR";

  /** logback.xml's readable encoder, kept while JSON replaces it so that text can come back. */
  private static Encoder<ILoggingEvent> textEncoder;

  private Logging() {}

  static void setLevel(String level) {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.toLevel(level, Level.INFO));
      if (LoggerFactory.getLogger("dev.orrery") instanceof Logger ours) {
        ours.setLevel(null); // inherit the root level
      }
    }
  }

  /**
   * Writes the console's log lines as {@code log.format} says: {@code text}, logback.xml's readable
   * lines, or {@code json}, one object per line from Logback's own JSON encoder.
   */
  static synchronized void setFormat(String format) {
    if (!(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)
        || !(root.getAppender(CONSOLE) instanceof OutputStreamAppender<ILoggingEvent> console)) {
      return;
    }
    boolean json = format.equals("json");
    Encoder<ILoggingEvent> current = console.getEncoder();
    if (json == current instanceof JsonEncoder) {
      return;
    }
    if (json) {
      textEncoder = current;
    }
    // swapped while the appender is stopped, once at start: a line logged in between is lost
    console.stop();
    console.setEncoder(json ? jsonEncoder(console) : textEncoder);
    console.start();
    if (!json) {
      current.stop();
    }
  }

  private static JsonEncoder jsonEncoder(Appender<ILoggingEvent> console) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(console.getContext());
    // the context's name and birth date are the same on every line: noise to a collector
    encoder.setWithContext(false);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    // the line as text shows it, beside the template and its arguments
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}
