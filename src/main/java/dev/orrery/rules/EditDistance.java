package dev.orrery.rules;

/**
 * The Levenshtein distance between two names, to suggest the field a typo meant.
 *
 * <p>Config has its own copy for its keys; rules depends on nothing of ours, so it keeps this one.
 */
final class EditDistance {
  private EditDistance() {}

  static int between(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), substitution);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
