package dev.orrery.emulator;

import java.nio.charset.StandardCharsets;

/**
 * A file Discord stores: one uploaded with a message, or one a user attached to a slash command.
 * The emulator serves its bytes at its {@code url} and {@code proxy_url} on loopback.
 */
public record Attachment(
    long id,
    long channelId,
    String filename,
    String contentType,
    String description,
    byte[] bytes) {

  public int size() {
    return bytes.length;
  }

  /** The bytes as UTF-8 text, for text files in assertions. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Attachment(" + id + ", " + filename + ", " + contentType + ", " + size() + " bytes)";
  }
}
