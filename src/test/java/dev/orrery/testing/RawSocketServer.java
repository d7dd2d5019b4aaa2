package dev.orrery.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A misbehaving server on loopback: one that never answers, drips a byte at a time, or sends bytes
 * no well-behaved HTTP server library would.
 */
public final class RawSocketServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread acceptor;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();

  private RawSocketServer(long dripMillis) throws IOException {
    this(dripMillis, null);
  }

  private RawSocketServer(long dripMillis, byte[] answer) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket client = socket.accept();
                  clients.add(client);
                  if (answer != null) {
                    try (OutputStream out = client.getOutputStream()) {
                      out.write(answer);
                    }
                  } else if (dripMillis > 0) {
                    Thread drip = new Thread(() -> drip(client, dripMillis), "drip");
                    drip.setDaemon(true);
                    drip.start();
                  }
                } catch (IOException closed) {
                  return; // close() ends the loop
                }
              }
            },
            "raw-socket-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers every connection with these bytes, then closes it. */
  public static RawSocketServer answering(String response) throws IOException {
    return new RawSocketServer(0, response.getBytes(StandardCharsets.UTF_8));
  }

  /** Accepts connections and never writes a byte. */
  public static RawSocketServer silent() throws IOException {
    return new RawSocketServer(0);
  }

  /** Answers 200 with a long body, one byte every {@code millis}. */
  public static RawSocketServer dripping(long millis) throws IOException {
    return new RawSocketServer(millis);
  }

  private static void drip(Socket client, long millis) {
    try (OutputStream out = client.getOutputStream()) {
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      for (int i = 0; i < 100000; i++) {
        out.write('<');
        out.flush();
        Thread.sleep(millis);
      }
    } catch (IOException clientGone) {
      // the fetcher gave up and closed the connection: exactly what the test wants
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/feed");
  }

  public int connections() {
    return clients.size();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket client : clients) {
      client.close();
    }
  }
}
