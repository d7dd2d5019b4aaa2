package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdaConnectionLogTest {
  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> written = new ListAppender<>();

  @BeforeEach
  void logbackWithTheFilter() {
    JdaConnectionLog filter = new JdaConnectionLog();
    filter.setContext(context);
    filter.start();
    context.addTurboFilter(filter);
    written.setContext(context);
    written.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(written);
    root.setLevel(Level.DEBUG);
  }

  @Test
  void aGatewayConnectionErrorWithAStackTraceBecomesOneWarningAndTheTraceGoesToDebug() {
    IllegalStateException error =
        new IllegalStateException(new ConnectException("Connection refused"));
    context
        .getLogger("net.dv8tion.jda.api.utils.SessionControllerAdapter")
        .error("Failed to establish connection for a node, appending to queue", error);

    assertThat(lines(Level.WARN))
        .containsExactly(
            "Could not connect to Discord's gateway; trying again (log.level=DEBUG shows why)");
    assertThat(written.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .allMatch(e -> e.getThrowableProxy() == null);
    ILoggingEvent details = only(Level.DEBUG);
    assertThat(details.getLoggerName()).isEqualTo(JdaConnectionLog.class.getName());
    assertThat(details.getFormattedMessage())
        .isEqualTo(
            "net.dv8tion.jda.api.utils.SessionControllerAdapter: Failed to establish connection"
                + " for a node, appending to queue");
    assertThat(details.getThrowableProxy().getClassName())
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(lines(Level.ERROR)).isEmpty();
  }

  @Test
  void aLineCarryingTheLibrarysTextOfARefusedHandshakeBecomesOurs() {
    context
        .getLogger("net.dv8tion.jda.api.utils.SessionControllerAdapter")
        .error(
            "Failed opening handshake, appending to queue. Message: {}",
            "com.neovisionaries.ws.client.OpeningHandshakeException: The status code of the"
                + " opening handshake response is not '101 Switching Protocols'.");

    assertThat(lines(Level.WARN))
        .containsExactly(
            "Could not connect to Discord's gateway; trying again (log.level=DEBUG shows why)");
    assertThat(only(Level.DEBUG).getFormattedMessage()).contains("OpeningHandshakeException");
  }

  @Test
  void aRestRequestThatFailsOnTheNetworkIsOneWarning() {
    context
        .getLogger("net.dv8tion.jda.internal.requests.Requester")
        .error(
            "There was an I/O error while executing a REST request: {}",
            "Failed to connect to /127.0.0.1:9");

    assertThat(lines(Level.WARN))
        .containsExactly(
            "A request to Discord's API failed on the network (log.level=DEBUG shows why)");
  }

  @Test
  void otherErrorsOfJdaAndConnectionErrorsOfOurOwnPassUnchanged() {
    IllegalArgumentException bug = new IllegalArgumentException("unexpected JSON");
    context
        .getLogger("net.dv8tion.jda.internal.requests.WebSocketClient")
        .error("Encountered exception on lifecycle level\nJSON: {}", "{}", bug);
    ConnectException ours = new ConnectException("Connection refused");
    context.getLogger("dev.orrery.feed.FeedFetcher").warn("Feed failed", ours);

    assertThat(written.list)
        .extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.ERROR, Level.WARN);
    assertThat(written.list).allMatch(e -> e.getThrowableProxy() != null);
  }

  private List<String> lines(Level level) {
    return written.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private ILoggingEvent only(Level level) {
    List<ILoggingEvent> events = written.list.stream().filter(e -> e.getLevel() == level).toList();
    assertThat(events).hasSize(1);
    return events.get(0);
  }
}
