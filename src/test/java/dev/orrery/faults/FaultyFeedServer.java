package dev.orrery.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

/**
 * Many feeds behind one raw socket on 127.0.0.1, each behaving as its {@link Kind} says: healthy
 * RSS that grows when told, a byte a second, never an answer, garbage, a gzip bomb, a redirect
 * loop. Feed {@code n} lives at {@code /f/n}; connections are handled one thread each and every
 * held connection is dropped after {@link #HOLD_AT_MOST} or on {@link #close()}.
 */
final class FaultyFeedServer implements AutoCloseable {
  /** How a feed answers. */
  enum Kind {
    HEALTHY,
    DRIP,
    SILENT,
    GARBAGE,
    GZIP_BOMB,
    REDIRECT_LOOP
  }

  static final Duration HOLD_AT_MOST = Duration.ofSeconds(60);
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final Instant EPOCH = Instant.parse("2026-04-01T08:00:00Z");

  private final ServerSocket socket;
  private final IntFunction<Kind> kinds;
  private final ExecutorService handlers;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<Integer, AtomicInteger> entryCounts = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger peakOpen = new AtomicInteger();
  private final byte[] bomb;
  private final int initialEntries;

  /**
   * @param kinds the kind of feed {@code n}
   * @param bombBytes how large the gzip bomb is once decompressed
   * @param initialEntries how many entries a healthy feed has before {@link #publish}
   */
  FaultyFeedServer(IntFunction<Kind> kinds, int bombBytes, int initialEntries) {
    this.kinds = kinds;
    this.initialEntries = initialEntries;
    this.bomb = gzip(new byte[bombBytes]);
    AtomicInteger threadCount = new AtomicInteger();
    this.handlers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "faulty-feed-" + threadCount.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      socket = new ServerSocket(0, 1000, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "faulty-feed-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Bytes of the gzip bomb on the wire. */
  int bombWireBytes() {
    return bomb.length;
  }

  /** Every healthy feed gains one entry. */
  void publish() {
    entryCounts.values().forEach(AtomicInteger::incrementAndGet);
  }

  /** Entries feed {@code n} lists now. */
  int entries(int n) {
    return entryCounts.computeIfAbsent(n, k -> new AtomicInteger(initialEntries)).get();
  }

  long requests() {
    return requests.get();
  }

  /** The most connections held open at once. */
  int peakOpenConnections() {
    return peakOpen.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        open.add(client);
        peakOpen.accumulateAndGet(open.size(), Math::max);
        handlers.execute(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout((int) HOLD_AT_MOST.toMillis());
      String path = requestPath(client.getInputStream());
      if (path == null) {
        return;
      }
      requests.incrementAndGet();
      int n = feedNumber(path);
      Kind kind = n < 0 ? null : kinds.apply(n);
      OutputStream out = client.getOutputStream();
      if (kind == null) {
        write(out, 404, "text/plain", Map.of(), "no such feed".getBytes(StandardCharsets.UTF_8));
        return;
      }
      switch (kind) {
        case HEALTHY -> write(out, 200, "application/rss+xml; charset=utf-8", Map.of(), rss(n));
        case DRIP -> drip(out, rss(n));
        case SILENT -> holdUntilClosed(client.getInputStream());
        case GARBAGE -> write(out, 200, garbageType(n), Map.of(), garbage(n));
        case GZIP_BOMB ->
            write(out, 200, "application/rss+xml", Map.of("Content-Encoding", "gzip"), bomb);
        case REDIRECT_LOOP -> {
          String next = path.endsWith("/b") ? "/f/" + n : "/f/" + n + "/b";
          write(out, 302, "text/plain", Map.of("Location", next), new byte[0]);
        }
      }
    } catch (SocketTimeoutException | InterruptedException held) {
      // held as long as allowed, or closing: drop it
    } catch (IOException clientGone) {
      // the fetcher gave up first, which is what the faulty kinds are for
    } finally {
      open.remove(client);
    }
  }

  /** Reads the request head; the path, or null when the client left before sending one. */
  private static String requestPath(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a && head.size() < 16_384) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    String first = head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
    String[] parts = first.split(" ");
    return parts.length >= 2 ? parts[1] : null;
  }

  private static int feedNumber(String path) {
    String[] parts = path.split("/");
    if (parts.length < 3 || !parts[1].equals("f")) {
      return -1;
    }
    try {
      return Integer.parseInt(parts[2]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void write(
      OutputStream out, int status, String type, Map<String, String> headers, byte[] body)
      throws IOException {
    StringBuilder head =
        new StringBuilder("HTTP/1.1 ")
            .append(status)
            .append(' ')
            .append(status == 200 ? "OK" : status == 302 ? "Found" : "Not Found")
            .append("\r\n")
            .append("Content-Type: ")
            .append(type)
            .append("\r\n")
            .append("Content-Length: ")
            .append(body.length)
            .append("\r\n")
            .append("Connection: close\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  /** A whole healthy answer, one byte a second from the status line on. */
  private static void drip(OutputStream out, byte[] rss) throws IOException, InterruptedException {
    String head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: "
            + rss.length
            + "\r\nConnection: close\r\n\r\n";
    byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
    long stopAt = System.nanoTime() + HOLD_AT_MOST.toNanos();
    for (int i = 0; i < bytes.length && System.nanoTime() < stopAt; i++) {
      out.write(bytes[i]);
      out.flush();
      Thread.sleep(1000);
    }
  }

  private static void holdUntilClosed(InputStream in) throws IOException {
    while (in.read() >= 0) {
      // nothing is ever answered; the loop ends when the client hangs up or the hold times out
    }
  }

  /** Which of four kinds of garbage feed {@code n} sends, spread over the feeds of every kind. */
  private static int garbageVariant(int n) {
    return (n + n / 20) % 4;
  }

  private static String garbageType(int n) {
    return switch (garbageVariant(n)) {
      case 0 -> "application/rss+xml";
      case 1 -> "text/html; charset=utf-8";
      case 2 -> "application/json";
      default -> "application/octet-stream";
    };
  }

  private static byte[] garbage(int n) {
    return switch (garbageVariant(n)) {
      case 0 ->
          ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>cut off"
                  + " in the middle of an <item><title>")
              .getBytes(StandardCharsets.UTF_8);
      case 1 ->
          ("<!DOCTYPE html><html><head><title>Blog "
                  + n
                  + "</title></head><body><p>No feed here.</p></body></html>")
              .getBytes(StandardCharsets.UTF_8);
      case 2 -> ("{\"items\": [{\"title\": \"feed " + n + "\"}]}").getBytes(StandardCharsets.UTF_8);
      default -> {
        byte[] noise = new byte[4096];
        new Random(n).nextBytes(noise);
        yield noise;
      }
    };
  }

  /** Realistic RSS 2.0: a channel with its newest entries first, HTML summaries, authors. */
  private byte[] rss(int n) {
    int count = entries(n);
    StringBuilder xml =
        new StringBuilder(8192)
            .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"")
            .append(" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n")
            .append("<title>Blog number ")
            .append(n)
            .append("</title>\n")
            .append("<link>https://blog")
            .append(n)
            .append(".example.org/</link>\n")
            .append("<description>Notes on Python, packaging and the odd cat</description>\n")
            .append("<language>en</language>\n");
    for (int i = count; i > Math.max(0, count - 10); i--) {
      Instant published = EPOCH.plus(Duration.ofHours(i));
      String link = "https://blog" + n + ".example.org/posts/" + i + "/";
      xml.append("<item>\n<title>Post ")
          .append(i)
          .append(" of blog ")
          .append(n)
          .append(": on generators &amp; coroutines</title>\n")
          .append("<link>")
          .append(link)
          .append("</link>\n")
          .append("<guid isPermaLink=\"true\">")
          .append(link)
          .append("</guid>\n")
          .append("<dc:creator>Author ")
          .append(n % 37)
          .append("</dc:creator>\n")
          .append("<pubDate>")
          .append(RFC_1123.format(published))
          .append("</pubDate>\n")
          .append("<description><![CDATA[<p>A short look at <em>generators</em> in post ")
          .append(i)
          .append(", with <a href=\"")
          .append(link)
          .append("\">a link</a>.</p>]]>")
          .append("</description>\n")
          .append("<content:encoded><![CDATA[<p>Generators are functions that <b>yield</b>.</p>")
          .append("<pre><code>def gen():\n    yield ")
          .append(i)
          .append("</code></pre>")
          .append("<ul><li>one</li><li>two</li></ul>")
          .append("<p>")
          .append("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8))
          .append("</p>]]></content:encoded>\n</item>\n");
    }
    return xml.append("</channel>\n</rss>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket client : open) {
      try {
        client.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    handlers.shutdownNow();
  }
}
