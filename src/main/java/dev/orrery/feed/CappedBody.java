package dev.orrery.feed;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads a response body up to a cap, counting the bytes as they come out of decompression so a
 * small gzip bomb cannot grow past the cap.
 */
final class CappedBody {
  private static final long CHUNK = 8192;

  private CappedBody() {}

  /** The whole body, or null as soon as it is known to exceed {@code maxBytes}. */
  static byte[] read(ResponseBody body, long maxBytes) throws IOException {
    // Content-Length describes the wire bytes; still worth refusing early when it is already too
    // big.
    if (body.contentLength() > maxBytes) {
      return null;
    }
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    while (source.read(buffer, CHUNK) != -1) {
      if (buffer.size() > maxBytes) {
        return null;
      }
    }
    return buffer.readByteArray();
  }

  /** Hex SHA-256 of the bytes. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
