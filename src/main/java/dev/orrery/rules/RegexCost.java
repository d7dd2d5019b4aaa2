package dev.orrery.rules;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What RE2/J would build for a regular expression, measured before it is asked to: how deep its
 * groups nest, and about how many instructions its counted repetitions expand to.
 *
 * <p>RE2/J runs in linear time, but it recurses once per nested group (10,000 of them overflow the
 * stack) and expands {@code x{n}} into n copies of x, so {@code ((a{1000}){1000}){1000}} exhausts
 * the heap while compiling. The estimate errs on the large side: a character or class counts 1, a
 * group the sum of its parts, and {@code {n,m}} multiplies what it repeats by its largest count.
 */
final class RegexCost {
  /** Sizes stop growing there, far above any accepted size, so they cannot overflow. */
  static final long CAP = 1_000_000_000L;

  /** RE2's largest repeat count. */
  private static final long MAX_COUNT = 1_000;

  private final String regex;
  private final Deque<Long> enclosingSizes = new ArrayDeque<>();
  private long size;
  private long lastAtom;
  private int deepest;
  private boolean unmatchedClose;

  private RegexCost(String regex) {
    this.regex = regex;
  }

  static RegexCost of(String regex) {
    RegexCost cost = new RegexCost(regex);
    cost.scan();
    return cost;
  }

  /** The deepest nesting of parentheses. */
  int depth() {
    return deepest;
  }

  /** The estimated number of instructions, at most {@link #CAP}. */
  long size() {
    return size;
  }

  /** Whether a ')' closes no group (RE2/J reports it only as an internal error). */
  boolean unmatchedClose() {
    return unmatchedClose;
  }

  private void scan() {
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      int next = i + Character.charCount(regex.codePointAt(i));
      switch (c) {
        case '\\' -> {
          next = endOfEscape(i);
          // \Q...\E is literal: count its length; a repetition after it takes one character.
          size = capped(size + (regex.startsWith("\\Q", i) ? next - i : 0));
          atom(1);
        }
        case '[' -> {
          next = endOfClass(i);
          atom(1);
        }
        case '(' -> {
          enclosingSizes.push(size);
          size = 0;
          deepest = Math.max(deepest, enclosingSizes.size());
        }
        case ')' -> {
          if (enclosingSizes.isEmpty()) {
            unmatchedClose = true;
            return;
          }
          long group = size + 1;
          size = enclosingSizes.pop();
          atom(group);
        }
        case '{' -> {
          long count = repeatCount(i);
          if (count > 0) {
            next = regex.indexOf('}', i) + 1;
            long repeated = capped(lastAtom * count);
            size = capped(size - lastAtom + repeated);
            lastAtom = repeated;
          } else {
            atom(1);
          }
        }
        case '*', '+', '?' -> size = capped(size + 1);
        case '|' -> {
          size = capped(size + 1);
          lastAtom = 0;
        }
        default -> atom(1);
      }
      i = next;
    }
    // Groups left open: RE2/J refuses them, but count them all the same.
    while (!enclosingSizes.isEmpty()) {
      size = capped(enclosingSizes.pop() + size + 1);
    }
  }

  private void atom(long atomSize) {
    size = capped(size + atomSize);
    lastAtom = atomSize;
  }

  private static long capped(long size) {
    return Math.min(size, CAP);
  }

  /**
   * Where the escape at {@code i} ends: {@code \d}, {@code \p{Greek}}, {@code \x{263a}}, \Q...\E.
   */
  private int endOfEscape(int i) {
    if (i + 1 >= regex.length()) {
      return regex.length();
    }
    char escaped = regex.charAt(i + 1);
    if (escaped == 'Q') {
      int end = regex.indexOf("\\E", i + 2);
      return end < 0 ? regex.length() : end + 2;
    }
    if ((escaped == 'p' || escaped == 'P' || escaped == 'x') && regex.startsWith("{", i + 2)) {
      int end = regex.indexOf('}', i + 3);
      return end < 0 ? regex.length() : end + 1;
    }
    return i + 1 + Character.charCount(regex.codePointAt(i + 1));
  }

  /** Where the class opened at {@code i} ends, read as RE2 reads it: a ']' first is a member. */
  private int endOfClass(int i) {
    int j = regex.startsWith("^", i + 1) ? i + 2 : i + 1;
    boolean first = true;
    while (j < regex.length()) {
      char c = regex.charAt(j);
      if (c == ']' && !first) {
        return j + 1;
      }
      first = false;
      int namedClassEnd = regex.startsWith("[:", j) ? regex.indexOf(":]", j + 2) : -1;
      if (c == '\\') {
        j = endOfEscape(j);
      } else if (namedClassEnd >= 0) {
        j = namedClassEnd + 2;
      } else {
        j += Character.charCount(regex.codePointAt(j));
      }
    }
    return regex.length();
  }

  /**
   * How many copies the {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i} asks for (at least
   * 1), or 0 when that brace is a literal one.
   */
  private long repeatCount(int i) {
    long largest = 1;
    long count = 0;
    boolean digits = false;
    boolean comma = false;
    for (int j = i + 1; j < regex.length(); j++) {
      char c = regex.charAt(j);
      if (c >= '0' && c <= '9') {
        count = capped(count * 10 + (c - '0'));
        digits = true;
      } else if (c == ',' && digits && !comma) {
        largest = Math.max(largest, count);
        count = 0;
        comma = true;
      } else if (c == '}' && digits) {
        // {n,} is n copies and a loop; {n,m} is at most m copies. RE2 refuses counts above
        // 1000 before expanding anything: let it say so.
        long copies = comma && regex.charAt(j - 1) == ',' ? largest + 1 : Math.max(largest, count);
        return Math.min(copies, MAX_COUNT);
      } else {
        return 0;
      }
    }
    return 0;
  }
}
