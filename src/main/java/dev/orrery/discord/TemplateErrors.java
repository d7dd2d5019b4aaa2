package dev.orrery.discord;

import dev.orrery.config.Levenshtein;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentences that refuse a message template: what is wrong, at which line, and what to write
 * instead. JMustache's own messages speak of its internals, so they are read here and never shown.
 */
final class TemplateErrors {
  private static final Pattern AT_LINE = Pattern.compile("(?s)(.*) @ line (\\d+)");
  private static final Pattern MISSING_CLOSE =
      Pattern.compile("(?s)(Section|Inverted section|Block|Parent) missing close tag '(.*)'");
  private static final Pattern NO_OPEN =
      Pattern.compile("(?s)Section close tag with no open tag '(.*)'");
  private static final Pattern MISMATCHED =
      Pattern.compile("(?s)Section close tag with mismatched open tag '(.*)' != '(.*)'");

  private TemplateErrors() {}

  static String tooLong(int length, int max) {
    return String.format(
        Locale.ROOT,
        "the template is %,d characters long; a template is at most %,d: shorten it",
        length,
        max);
  }

  /** JMustache's parse error as a sentence. */
  static String syntax(String libraryMessage) {
    Matcher at = AT_LINE.matcher(libraryMessage == null ? "" : libraryMessage);
    if (!at.matches()) {
      return unreadable();
    }
    String what = at.group(1);
    String line = " at line " + at.group(2);
    Matcher m;
    if ((m = MISSING_CLOSE.matcher(what)).matches()) {
      String open = "{{" + sigil(m.group(1)) + m.group(2) + "}}";
      return "the section " + open + line + " is never closed: end it with {{/" + m.group(2) + "}}";
    }
    if ((m = NO_OPEN.matcher(what)).matches()) {
      return "{{/"
          + m.group(1)
          + "}}"
          + line
          + " closes a section that was never opened: remove it, or open the section with {{#"
          + m.group(1)
          + "}} before it";
    }
    if ((m = MISMATCHED.matcher(what)).matches()) {
      return "{{/"
          + m.group(1)
          + "}}"
          + line
          + " does not match the section still open there, "
          + m.group(2)
          + ": close that one first with {{/"
          + m.group(2)
          + "}}";
    }
    if (what.startsWith("Invalid tag name: contains newline")) {
      return "a tag" + line + " has a line break inside its braces: write each {{…}} on one line";
    }
    if (what.startsWith("Invalid triple-mustache tag")) {
      return "a tag"
          + line
          + " opens with {{{ but does not end with }}}: write {{title}} or {{{title}}}";
    }
    if (what.startsWith("Invalid delimiter configuration")) {
      return "the delimiter change" + line + " is not valid: write it like {{=<% %>=}}";
    }
    return "the template cannot be read" + line + ": check that each {{ is closed with }}";
  }

  /** A template the library could not even take apart (an empty tag, say). */
  static String unreadable() {
    return "the template cannot be read: each {{ needs a placeholder's name and a closing }},"
        + " like {{title}}";
  }

  /** Text that still holds "{{": a tag opened and never closed. */
  static String unclosedTag(String source, String text) {
    String rest = text.substring(text.indexOf("{{"));
    int index = source.indexOf(rest);
    return "{{" + where(source, index) + " opens a tag that is never closed: end it with }}";
  }

  /**
   * A placeholder or section whose name is not one of {@code known}, with the known name it was
   * probably meant to be.
   *
   * @param sigil "" for a placeholder, "#" or "^" for a section
   */
  static String unknown(String sigil, String name, String source, List<String> known) {
    String line = where(source, find(source, sigil, name));
    String list = "Known: " + String.join(", ", known);
    if (name.isEmpty()) {
      return "an empty tag {{" + sigil + "}}" + line + ": put a placeholder's name in it. " + list;
    }
    String kind = sigil.isEmpty() ? "placeholder" : "section";
    String closest = Levenshtein.closest(name, known);
    return "unknown "
        + kind
        + " {{"
        + sigil
        + name
        + "}}"
        + line
        + (closest != null ? ": did you mean {{" + sigil + closest + "}}? " : ". ")
        + list;
  }

  /** A partial, a parent or a block: they bring in other templates, and a message has none. */
  static String notSupported(String sigil, String name, String source) {
    return "{{"
        + sigil
        + name
        + "}}"
        + where(source, find(source, sigil, name))
        + " refers to another template, which a message template cannot do: use placeholders"
        + " and sections only";
  }

  /** Where a tag with this sigil and name first appears in the source; -1 when not found. */
  private static int find(String source, String sigil, String name) {
    String prefix = sigil.isEmpty() ? "[&{]?" : Pattern.quote(sigil);
    Matcher tag =
        Pattern.compile("\\{\\{\\s*" + prefix + "\\s*" + Pattern.quote(name) + "\\s*}")
            .matcher(source);
    if (tag.find()) {
      return tag.start();
    }
    // the template changed its delimiters: the name alone is the best guess
    return name.isEmpty() ? -1 : source.indexOf(name);
  }

  /** " at line N", or nothing when the place is unknown. */
  private static String where(String source, int index) {
    if (index < 0) {
      return "";
    }
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (source.charAt(i) == '\n') {
        line++;
      }
    }
    return " at line " + line;
  }

  private static String sigil(String kind) {
    return switch (kind) {
      case "Inverted section" -> "^";
      case "Block" -> "$";
      case "Parent" -> "<";
      default -> "#";
    };
  }
}
