package dev.orrery.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Turns JDA's log lines about failed connections to Discord (a stack trace every few seconds while
 * Discord is unreachable) into one WARN line in our words; JDA's own text and stack trace go to
 * DEBUG. Declared in logback.xml; other JDA errors pass unchanged.
 */
public final class JdaConnectionLog extends TurboFilter {
  private static final String JDA = "net.dv8tion.jda.";
  private static final String WEBSOCKET_LIBRARY = "com.neovisionaries.ws.client.";

  /** JDA lines that carry a connection error's message instead of the error itself. */
  private static final List<String> CONNECTION_LINES =
      List.of("Failed opening handshake", "DNS resolution failed", "There was an I/O error");

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(Level.WARN) || !logger.getName().startsWith(JDA)) {
      return FilterReply.NEUTRAL;
    }
    Throwable error = t != null ? t : lastThrowable(params);
    boolean connection =
        error != null
            ? isConnectionError(error)
            : format != null && CONNECTION_LINES.stream().anyMatch(format::startsWith);
    if (!connection) {
      return FilterReply.NEUTRAL;
    }
    logger.warn(summary(logger.getName()) + " (log.level=DEBUG shows why)");
    // at DEBUG under our name: log.level=DEBUG shows it, whatever level JDA's loggers have
    Logger details = logger.getLoggerContext().getLogger(JdaConnectionLog.class);
    details.debug(
        "{}: {}",
        logger.getName(),
        MessageFormatter.arrayFormat(format, params, null).getMessage(),
        error);
    return FilterReply.DENY;
  }

  private static String summary(String loggerName) {
    if (loggerName.endsWith(".SessionControllerAdapter")) {
      return "Could not connect to Discord's gateway; trying again";
    } else if (loggerName.endsWith(".WebSocketClient")) {
      return "The connection to Discord's gateway failed";
    } else if (loggerName.endsWith(".Requester")) {
      return "A request to Discord's API failed on the network";
    }
    return "A connection to Discord failed";
  }

  private static Throwable lastThrowable(Object[] params) {
    return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable e
        ? e
        : null;
  }

  private static boolean isConnectionError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException || t.getClass().getName().startsWith(WEBSOCKET_LIBRARY)) {
        return true;
      }
    }
    return false;
  }
}
