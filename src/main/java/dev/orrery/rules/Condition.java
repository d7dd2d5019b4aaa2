package dev.orrery.rules;

import com.google.re2j.Pattern;
import java.util.List;

/** A compiled filter expression, or a part of one: what an entry must satisfy. */
sealed interface Condition {
  boolean test(EntryText entry);

  /**
   * A word, phrase or regular expression found in a field.
   *
   * @param literal for a word or phrase, its first word in lower case: a field without it cannot
   *     match, and is not searched with the pattern; null for a regular expression
   */
  record Match(Field field, Pattern pattern, String literal) implements Condition {
    @Override
    public boolean test(EntryText entry) {
      return field.find(pattern, literal, entry);
    }
  }

  /** {@code NOT x} or {@code -x}. */
  record Not(Condition negated) implements Condition {
    @Override
    public boolean test(EntryText entry) {
      return !negated.test(entry);
    }
  }

  /** Terms side by side: every one must hold. */
  record All(List<Condition> parts) implements Condition {
    @Override
    public boolean test(EntryText entry) {
      for (int i = 0; i < parts.size(); i++) {
        if (!parts.get(i).test(entry)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Terms joined by {@code OR}: one must hold. */
  record Any(List<Condition> alternatives) implements Condition {
    @Override
    public boolean test(EntryText entry) {
      for (int i = 0; i < alternatives.size(); i++) {
        if (alternatives.get(i).test(entry)) {
          return true;
        }
      }
      return false;
    }
  }
}
