package dev.orrery.markdown;

import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Decides whether a link's text names an address other than the one the link goes to, as in "&lt;a
 * href=https://evil.example/login&gt;https://discord.com/login&lt;/a&gt;". Text names an address
 * when it is a URL ("https://…", "www.…"), a host with a path ("discord.com/login"), or a bare host
 * under a common generic top-level domain ("discord.com"). A bare name under any other ending is
 * taken for what Python blogs mostly mean by it, a file or a module: "setup.py", "asyncio.run",
 * "Node.js".
 */
final class LinkText {
  private static final String HOST = "(?:[\\p{L}\\p{N}-]+\\.)+";
  private static final Pattern URL = Pattern.compile("(?i)(?:https?://|www\\.)\\S+");
  private static final Pattern HOST_WITH_PATH =
      Pattern.compile("(?i)" + HOST + "\\p{L}{2,63}(?::\\d{1,5})?[/?#]\\S*");
  private static final Pattern BARE_HOST =
      Pattern.compile(
          "(?i)" + HOST + "(?:com|net|org|io|gg|app|dev|co|me|ly|xyz|info|link)\\.?(?::\\d{1,5})?");

  private LinkText() {}

  /**
   * True when {@code text} names an address and it is not {@code target}'s: another host, or the
   * same host with another path or query. The scheme, a "www." and a trailing slash do not count.
   */
  static boolean pointsElsewhere(String text, String target) {
    if (!namesAnAddress(text)) {
      return false;
    }
    HttpUrl named = HttpUrl.parse(text.contains("://") ? text : "https://" + text);
    HttpUrl actual = HttpUrl.parse(target);
    if (named == null || actual == null) {
      return true; // an address that is not one, or a link that is not http: show the target
    }
    if (!withoutWww(named.host()).equals(withoutWww(actual.host()))) {
      return true;
    }
    boolean samePath =
        named.encodedPath().equals("/")
            || withoutSlash(named.encodedPath()).equals(withoutSlash(actual.encodedPath()));
    boolean sameQuery =
        named.encodedQuery() == null || named.encodedQuery().equals(actual.encodedQuery());
    return !samePath || !sameQuery;
  }

  static boolean namesAnAddress(String text) {
    return URL.matcher(text).matches()
        || HOST_WITH_PATH.matcher(text).matches()
        || BARE_HOST.matcher(text).matches();
  }

  private static String withoutWww(String host) {
    return host.toLowerCase(Locale.ROOT).startsWith("www.") ? host.substring(4) : host;
  }

  private static String withoutSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
