package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.Test;

class GatewaySessionTest {
  /** A connection that records what is sent on it. */
  private static WebSocket recording(List<DataObject> sent) {
    return (WebSocket)
        Proxy.newProxyInstance(
            WebSocket.class.getClassLoader(),
            new Class<?>[] {WebSocket.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "send":
                  sent.add(DataObject.fromJson((String) args[0]));
                  return null;
                case "isOpen":
                  return true;
                default:
                  return null;
              }
            });
  }

  @Test
  void a_resume_replays_what_was_missed_then_says_resumed() {
    List<DataObject> first = new ArrayList<>();
    WebSocket firstConnection = recording(first);
    GatewaySession session = new GatewaySession("s", 0, firstConnection);
    session.dispatch("READY", DataObject.empty());
    session.dispatch("GUILD_CREATE", DataObject.empty());
    session.detach(firstConnection);
    session.dispatch("CHANNEL_CREATE", DataObject.empty().put("id", "1"));
    session.dispatch("CHANNEL_DELETE", DataObject.empty().put("id", "1"));

    List<DataObject> second = new ArrayList<>();
    assertThat(session.resume(recording(second), 2)).isTrue();

    assertThat(first).extracting(p -> p.getString("t")).containsExactly("READY", "GUILD_CREATE");
    assertThat(second)
        .extracting(p -> p.getString("t"))
        .containsExactly("CHANNEL_CREATE", "CHANNEL_DELETE", "RESUMED");
    assertThat(second).extracting(p -> p.getLong("s")).containsExactly(3L, 4L, 5L);
  }
}
