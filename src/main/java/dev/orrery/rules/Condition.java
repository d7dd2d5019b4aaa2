package dev.orrery.rules;

import com.google.re2j.Pattern;
import java.util.List;

/** A compiled filter expression, or a part of one: what an entry must satisfy. */
sealed interface Condition {
  boolean test(FilterInput entry);

  /** A word, phrase or regular expression found in a field. */
  record Match(Field field, Pattern pattern) implements Condition {
    @Override
    public boolean test(FilterInput entry) {
      return field.find(pattern, entry);
    }
  }

  /** {@code NOT x} or {@code -x}. */
  record Not(Condition negated) implements Condition {
    @Override
    public boolean test(FilterInput entry) {
      return !negated.test(entry);
    }
  }

  /** Terms side by side: every one must hold. */
  record All(List<Condition> parts) implements Condition {
    @Override
    public boolean test(FilterInput entry) {
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
    public boolean test(FilterInput entry) {
      for (int i = 0; i < alternatives.size(); i++) {
        if (alternatives.get(i).test(entry)) {
          return true;
        }
      }
      return false;
    }
  }
}
