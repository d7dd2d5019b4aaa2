package dev.orrery.config;

import java.util.Collection;
import java.util.Comparator;

/** Edit distance, to suggest the name a typo meant: a config key, a placeholder, a time zone. */
public final class Levenshtein {
  private Levenshtein() {}

  /** The name in {@code known} closest to {@code typed}, or null when none is close enough. */
  public static String closest(String typed, Collection<String> known) {
    String closest =
        known.stream().min(Comparator.comparingInt(k -> distance(k, typed))).orElse(null);
    return closest != null && distance(closest, typed) <= Math.max(3, typed.length() / 3)
        ? closest
        : null;
  }

  /** The Levenshtein distance: how many characters to insert, delete or change. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
