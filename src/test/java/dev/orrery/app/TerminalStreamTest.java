package dev.orrery.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalStreamTest {
  String printed(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream target = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TerminalStream terminal = new TerminalStream(target)) {
      terminal.println(text);
      terminal.print((Object) text);
      terminal.printf("%s", text);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void escapesWhatATerminalWouldActOnInEveryWayOfPrinting() {
    String once = "a\\u001b]0;title\\u0007b\\u000dc\\u009b31md\\u0085e\\u202ef\\u2067g\\u007fh";
    assertThat(printed("a\u001b]0;title\u0007b\rc\u009b31md\u0085e\u202ef\u2067g\u007fh"))
        .isEqualTo(once + "\n" + once + once);
  }

  @Test
  void leavesTextLinesTabsAndEveryLanguageAlone() {
    String text = "Café — naïve 日本語 שלום مرحبا 👩‍💻\tcolumn\nnext line";
    assertThat(printed(text)).isEqualTo(text + "\n" + text + text);
  }
}
