package dev.orrery.feed;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Repairs text whose UTF-8 bytes were once decoded as Latin-1 or Windows-1252 ("PyCoderâ€™s" for
 * "PyCoder’s"), as some planets serve it. Only where the repair is unambiguous: a whole run of
 * characters from those two charsets' upper halves that, read back as bytes, is valid UTF-8. Real
 * accented text ("Señor", "naïve", "£5") never is, so it stays as written.
 */
final class Mojibake {
  /** Windows-1252's characters for the bytes 0x80 to 0x9F; a space where it has none. */
  private static final String CP1252_HIGH = "€ ‚ƒ„…†‡ˆ‰Š‹Œ Ž  ‘’“”•–—˜™š›œ žŸ".replace(' ', '\0');

  private Mojibake() {}

  static String repair(String text) {
    if (text == null || !mayHoldMojibake(text)) {
      return text;
    }
    StringBuilder out = null; // made at the first run that is repaired
    int kept = 0; // text before this is in out, or unchanged
    int i = 0;
    while (i < text.length()) {
      if (asByte(text.charAt(i)) < 0) {
        i++;
        continue;
      }
      int end = i;
      while (end < text.length() && asByte(text.charAt(end)) >= 0) {
        end++;
      }
      // one such byte alone is never UTF-8: an accented letter between plain ones needs no decoder
      String decoded = end - i > 1 ? decodeRun(text, i, end) : null;
      if (decoded != null) {
        out = out != null ? out : new StringBuilder(text.length());
        out.append(text, kept, i).append(decoded);
        kept = end;
      }
      i = end;
    }
    return out == null ? text : out.append(text, kept, text.length()).toString();
  }

  // A UTF-8 lead byte read as Latin-1 is one of Â..ô: without one there is nothing to repair.
  private static boolean mayHoldMojibake(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u00C2' && c <= '\u00F4') {
        return true;
      }
    }
    return false;
  }

  /** The run's bytes as UTF-8, or null when they are not valid UTF-8. */
  private static String decodeRun(String text, int start, int end) {
    byte[] bytes = new byte[end - start];
    for (int i = start; i < end; i++) {
      bytes[i - start] = (byte) asByte(text.charAt(i));
    }
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return utf8.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notUtf8) {
      return null;
    }
  }

  /** The byte 0x80-0xFF that Latin-1 or Windows-1252 reads as {@code c}, else -1. */
  private static int asByte(char c) {
    if (c >= 0x80 && c <= 0xFF) {
      return c;
    }
    int high = c == '\0' ? -1 : CP1252_HIGH.indexOf(c);
    return high < 0 ? -1 : 0x80 + high;
  }
}
