package dev.orrery.discord;

import dev.orrery.rules.Filter;
import dev.orrery.rules.FilterException;
import dev.orrery.rules.SubscriptionRules;
import dev.orrery.store.Entry;
import java.util.List;

/**
 * The answers about a filter: an expression checked (refused with what is wrong and a pointer to
 * where), and which of a feed's latest entries it lets through and which it stops.
 */
final class FilterAnswers {
  /** How many of the feed's latest entries a new filter is tried on. */
  static final int TRIED_ON = 10;

  private static final int TITLE_MAX = 100;

  /** Characters shown on each side of where an expression goes wrong: one line on a phone. */
  private static final int AROUND = 30;

  private FilterAnswers() {}

  /** An expression as checked. */
  sealed interface Checked {
    record Valid(Filter filter) implements Checked {}

    /** Refused; the message says what is wrong and shows where. */
    record Refused(String message) implements Checked {}
  }

  /** Compiles a non-blank expression, or says why it cannot be used. */
  static Checked check(String expression) {
    try {
      return new Checked.Valid(Filter.parse(expression));
    } catch (FilterException e) {
      return new Checked.Refused(refusal(expression, e));
    }
  }

  /**
   * "Unclosed parenthesis at 5." and, under it, the expression around that place with a caret
   * pointing at it.
   */
  static String refusal(String expression, FilterException e) {
    String text = Replies.sentence(e.getMessage());
    int[] points = expression.strip().codePoints().toArray();
    int at = e.position() - 1;
    if (at < 0 || at > points.length) {
      return text;
    }
    int from = Math.max(0, at - AROUND);
    int to = Math.min(points.length, at + AROUND);
    String shown =
        (from > 0 ? "…" : "")
            + new String(points, from, to - from).replace('`', 'ˋ').replace('\n', ' ')
            + (to < points.length ? "…" : "");
    String caret = " ".repeat(at - from + (from > 0 ? 1 : 0)) + "^";
    return text + "\n```\n" + shown + "\n" + caret + "\n```";
  }

  /**
   * "Of its latest 10 entries, it lets 2 through and stops 8:" and a line for each, newest first.
   */
  static String tried(Filter filter, List<Entry> latest) {
    StringBuilder lines = new StringBuilder();
    int through = 0;
    for (Entry entry : latest) {
      boolean taken = filter.test(SubscriptionRules.input(entry));
      through += taken ? 1 : 0;
      String title =
          entry.title() == null || entry.title().isBlank()
              ? "(untitled)"
              : entry.title().strip().replaceAll("\\s+", " ");
      lines
          .append(taken ? "✅ " : "❌ ")
          .append(Replies.inert(EntryRenderer.cut(title, TITLE_MAX)))
          .append('\n');
    }
    return "Of its latest "
        + (latest.size() == 1 ? "entry" : latest.size() + " entries")
        + ", it lets "
        + through
        + " through and stops "
        + (latest.size() - through)
        + ":\n"
        + lines.toString().strip();
  }
}
