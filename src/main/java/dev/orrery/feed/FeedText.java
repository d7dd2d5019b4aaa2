package dev.orrery.feed;

import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a feed body to text: a byte order mark wins, then the charset of the Content-Type header,
 * then the XML declaration, then UTF-8. Bytes that do not fit the charset become U+FFFD instead of
 * failing the feed.
 */
final class FeedText {
  private static final Pattern HEADER_CHARSET =
      Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)");
  private static final Pattern DECLARED_ENCODING =
      Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
  // Charsets web servers put on text/xml by default, whatever the file holds.
  private static final Set<String> SERVER_DEFAULTS =
      Set.of("ISO-8859-1", "US-ASCII", "windows-1252");

  private FeedText() {}

  static String decode(byte[] body, String contentType) throws IOException {
    Charset header = headerCharset(contentType);
    if (header != null && !hasByteOrderMark(body)) {
      if (SERVER_DEFAULTS.contains(header.name()) && declaresUtf8(body) && isUtf8(body)) {
        // The file says UTF-8 and its bytes agree: the header is only the server's default.
        return new String(body, StandardCharsets.UTF_8);
      }
      return new String(body, header);
    }
    try (Reader reader = new XmlReader(new ByteArrayInputStream(body), true)) {
      StringBuilder text = new StringBuilder(body.length);
      char[] chunk = new char[8192];
      for (int n; (n = reader.read(chunk)) != -1; ) {
        text.append(chunk, 0, n);
      }
      return text.toString();
    } catch (UnsupportedCharsetException | java.io.UnsupportedEncodingException unknownCharset) {
      // The declaration names a charset Java lacks: UTF-8 is the likeliest truth.
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Charset headerCharset(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher matcher = HEADER_CHARSET.matcher(contentType);
    if (!matcher.find()) {
      return null;
    }
    try {
      return Charset.forName(matcher.group(1).toLowerCase(Locale.ROOT));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
      return null; // an unknown label is no information: fall back to the document's own
    }
  }

  private static boolean hasByteOrderMark(byte[] b) {
    return (b.length >= 3
            && (b[0] & 0xff) == 0xef
            && (b[1] & 0xff) == 0xbb
            && (b[2] & 0xff) == 0xbf)
        || (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff)
        || (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe);
  }

  private static boolean declaresUtf8(byte[] body) {
    String start = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1);
    Matcher matcher = DECLARED_ENCODING.matcher(start);
    return matcher.find() && matcher.group(1).equalsIgnoreCase("UTF-8");
  }

  private static boolean isUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException notUtf8) {
      return false;
    }
  }
}
