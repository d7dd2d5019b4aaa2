package dev.orrery.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Discord's CDN on loopback: keeps every attachment and serves its bytes at {@code
 * /cdn/attachments/{channel}/{id}/{name}} (the {@code url}) and {@code /cdn/proxy/...} (the {@code
 * proxy_url}), without the bot token, as the real CDN does.
 */
final class AttachmentHost {
  static final String PREFIX = "/cdn/";
  private static final String OCTET_STREAM = "application/octet-stream";

  private final Snowflakes ids;
  private final Map<Long, Attachment> files = new ConcurrentHashMap<>();
  private volatile String origin = "http://127.0.0.1:0";

  AttachmentHost(Snowflakes ids) {
    this.ids = ids;
  }

  void bind(String origin) {
    this.origin = origin;
  }

  /**
   * Stores an upload under a new id. Discord sniffs the type when the client sent none or
   * octet-stream (JDA always does), which here means guessing from the file name.
   */
  Attachment store(long channelId, Upload upload, String filename, String description) {
    String type = upload.contentType();
    if (type == null || type.startsWith(OCTET_STREAM)) {
      String guessed = URLConnection.guessContentTypeFromName(filename);
      type = guessed != null ? guessed : type;
    }
    Attachment attachment =
        new Attachment(ids.next(), channelId, filename, type, description, upload.bytes());
    files.put(attachment.id(), attachment);
    return attachment;
  }

  Optional<Attachment> byId(long id) {
    return Optional.ofNullable(files.get(id));
  }

  String url(Attachment attachment) {
    return origin + PREFIX + path(attachment);
  }

  String proxyUrl(Attachment attachment) {
    return origin + PREFIX + "proxy/" + path(attachment);
  }

  /** The attachment object of messages and of an interaction's {@code resolved.attachments}. */
  DataObject json(Attachment attachment) {
    DataObject json =
        DataObject.empty()
            .put("id", Long.toUnsignedString(attachment.id()))
            .put("filename", attachment.filename())
            .put("size", attachment.size())
            .put("url", url(attachment))
            .put("proxy_url", proxyUrl(attachment));
    if (attachment.contentType() != null) {
      json.put("content_type", attachment.contentType());
    }
    if (attachment.description() != null) {
      json.put("description", attachment.description());
    }
    return json;
  }

  private static String path(Attachment attachment) {
    return "attachments/"
        + Long.toUnsignedString(attachment.channelId())
        + "/"
        + Long.toUnsignedString(attachment.id())
        + "/"
        + URLEncoder.encode(attachment.filename(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Optional<Attachment> found = find(exchange.getRequestURI().getRawPath());
      if (!exchange.getRequestMethod().equals("GET") || found.isEmpty()) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      Attachment attachment = found.get();
      exchange
          .getResponseHeaders()
          .set(
              "Content-Type",
              attachment.contentType() == null ? OCTET_STREAM : attachment.contentType());
      exchange.sendResponseHeaders(200, attachment.size() == 0 ? -1 : attachment.size());
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(attachment.bytes());
      }
    }
  }

  /** The attachment a CDN path names; its channel and file name must match, as on the CDN. */
  private Optional<Attachment> find(String rawPath) {
    String below = rawPath.substring(PREFIX.length());
    String path = below.startsWith("proxy/") ? below.substring("proxy/".length()) : below;
    String[] parts = path.split("/");
    if (parts.length != 4 || !parts[0].equals("attachments")) {
      return Optional.empty();
    }
    try {
      return byId(Long.parseUnsignedLong(parts[2])).filter(a -> path.equals(path(a)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
