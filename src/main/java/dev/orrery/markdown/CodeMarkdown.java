package dev.orrery.markdown;

import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/** Code spans and fenced blocks that no backtick in the code can close early. */
final class CodeMarkdown {
  private static final Pattern LANGUAGE =
      Pattern.compile("(?:lang(?:uage)?-)([A-Za-z0-9_+#.-]{1,20})");
  private static final String ZERO_WIDTH_SPACE = "\u200B";
  // Compiled once rather than for every block (jsoup's evaluators are thread-safe).
  private static final Evaluator CODE = Selector.evaluatorOf("code");

  private CodeMarkdown() {}

  /** `code`, or `` co`de `` when the code holds a backtick. */
  static String inline(String code) {
    String text = code.replaceAll("\\s+", " ").strip();
    if (text.isEmpty()) {
      return "";
    }
    if (text.contains("``")) {
      // No span length fits every run of backticks in Discord: break the runs up instead.
      text = text.replace("``", "`" + ZERO_WIDTH_SPACE + "`");
    }
    String mentionSafe = DiscordMarkdown.neutraliseMentions(text);
    return text.contains("`") ? "`` " + mentionSafe + " ``" : "`" + mentionSafe + "`";
  }

  /**
   * A ``` block with the element's text, whitespace kept, and its language when the HTML names one.
   */
  static String fenced(Element pre) {
    String code = pre.wholeText().replace("\r\n", "\n").replace('\u00A0', ' ');
    code = code.replaceFirst("^\n", "").stripTrailing();
    if (code.isBlank()) {
      return "";
    }
    // Inside the block, ``` would end it early.
    code = code.replace("```", "``" + ZERO_WIDTH_SPACE + "`");
    return "```" + language(pre) + "\n" + DiscordMarkdown.neutraliseMentions(code) + "\n```";
  }

  private static String language(Element pre) {
    String classes = pre.className();
    Element code = pre.selectFirst(CODE);
    if (code != null) {
      classes = code.className() + " " + classes;
    }
    var matcher = LANGUAGE.matcher(classes);
    return matcher.find() ? matcher.group(1).toLowerCase(java.util.Locale.ROOT) : "";
  }
}
