package dev.orrery.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output or error as a terminal should get them: a control character (ESC, BEL, a C1
 * control, a bidirectional override) is printed as a visible escape (a backslash, "u" and four hex
 * digits), instead of acting on the terminal. Everything a command prints goes through here, so
 * text from a feed, a server's answer or a database row can never move the cursor, retitle the
 * window or hide what follows. Escaped JSON stays valid JSON: such characters only ever stand
 * inside its strings.
 */
final class TerminalStream extends PrintStream {
  TerminalStream(PrintStream target) {
    super(target, true, StandardCharsets.UTF_8);
  }

  @Override
  public void print(String s) {
    super.print(escape(s));
  }

  @Override
  public void print(Object o) {
    print(String.valueOf(o));
  }

  @Override
  public void println(Object o) {
    println(String.valueOf(o));
  }

  static String escape(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (acts(c)) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** Whether a terminal would act on the character instead of showing it. */
  private static boolean acts(char c) {
    return (c < 0x20 && c != '\n' && c != '\t')
        || (c >= 0x7f && c <= 0x9f)
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
