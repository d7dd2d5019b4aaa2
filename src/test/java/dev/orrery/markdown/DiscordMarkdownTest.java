package dev.orrery.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DiscordMarkdownTest {
  static final String ZWSP = "\u200B";

  @Test
  void escapesATitleSoItShowsAsWritten() {
    assertThat(DiscordMarkdown.escape("# Python_3 *fast* [docs](http://x) | ~old~"))
        .isEqualTo("\\# Python\\_3 \\*fast\\* \\[docs\\](http://x) \\| \\~old\\~");
  }

  @Test
  void neutralisesMentions() {
    assertThat(DiscordMarkdown.escape("hi @everyone and @here <@&1> <@!2> <#3>"))
        .isEqualTo(
            "hi @"
                + ZWSP
                + "everyone and @"
                + ZWSP
                + "here \\<@"
                + ZWSP
                + "&1> \\<@"
                + ZWSP
                + "!2> \\<#"
                + ZWSP
                + "3>");
  }

  @Test
  void neutralisesAChannelMentionInATextWithNoAtSign() {
    assertThat(DiscordMarkdown.escape("see <#3>")).isEqualTo("see \\<#" + ZWSP + "3>");
  }

  @Test
  void leavesMentionsInsideBareUrlsSoTheLinkIsUnchanged() {
    assertThat(DiscordMarkdown.escape("https://x.example/@everyone?to=@here @everyone"))
        .isEqualTo("https://x.example/@everyone?to=@here @" + ZWSP + "everyone");
  }

  @Test
  void escapesBlockMarkersAtEveryLineStart() {
    assertThat(DiscordMarkdown.escape("> quote\n- item\n  12. step\nx - y > z"))
        .isEqualTo("\\> quote\n\\- item\n  12\\. step\nx - y > z");
  }

  @Test
  void leavesBareUrlsIntactSoTheyStillLink() {
    assertThat(DiscordMarkdown.escape("see https://docs.example/a_b*c for more_info"))
        .isEqualTo("see https://docs.example/a_b*c for more\\_info");
  }

  @Test
  void everyMarkdownCharacterOutsideURLsAndLineStartsTakesOneBackslash() {
    Random random = new Random(11);
    // no "@", "#" or ":": no mention and no URL, only the characters escaped one by one
    String alphabet = "ab é😀 \\*_~`|[]<>-+1.\t";
    for (int n = 0; n < 5_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String raw = text.toString();
      assertThat(DiscordMarkdown.escape(raw, false))
          .as("[%s]", raw)
          .isEqualTo(raw.replaceAll("([\\\\*_~`|\\[\\]<])", "\\\\$1"));
    }
  }
}
