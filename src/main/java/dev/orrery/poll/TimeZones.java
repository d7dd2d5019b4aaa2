package dev.orrery.poll;

import dev.orrery.config.Levenshtein;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The IANA time zone names people may type, read case-insensitively, with suggestions for a typo
 * and choices for autocomplete.
 */
final class TimeZones {
  /** Discord offers at most 25 autocomplete choices. */
  static final int MAX_CHOICES = 25;

  /** Longer than any IANA name: past it, no suggestion is looked for. */
  private static final int LONGEST_NAME = 64;

  // Java also knows the old SystemV names, which the IANA database dropped
  private static final Map<String, String> BY_LOWER_CASE =
      ZoneId.getAvailableZoneIds().stream()
          .filter(id -> !id.startsWith("SystemV/"))
          .collect(
              Collectors.toMap(
                  id -> id.toLowerCase(Locale.ROOT),
                  Function.identity(),
                  (a, b) -> a,
                  TreeMap::new));

  private TimeZones() {}

  /** The zone named, whatever its case, with spaces read as the underscores of IANA names. */
  static Optional<ZoneId> find(String typed) {
    return Optional.ofNullable(BY_LOWER_CASE.get(key(typed))).map(ZoneId::of);
  }

  /** Why the typed name is refused, and what to type instead. */
  static String refusal(String typed) {
    String key = key(typed);
    if (key.length() > LONGEST_NAME) {
      return "'"
          + typed.strip().substring(0, LONGEST_NAME)
          + "…' is not a time zone: type an IANA name such as Europe/Paris or America/New_York";
    }
    String meant =
        BY_LOWER_CASE.keySet().stream()
            .filter(id -> id.endsWith("/" + key))
            .findFirst()
            .orElseGet(() -> Levenshtein.closest(key, BY_LOWER_CASE.keySet()));
    String unknown = "unknown time zone '" + typed.strip() + "': ";
    return meant != null
        ? unknown + "did you mean " + BY_LOWER_CASE.get(meant) + "?"
        : unknown + "type an IANA name such as Europe/Paris or America/New_York";
  }

  /**
   * At most 25 names containing what was typed: those whose city starts with it first, then the
   * rest, each alphabetically.
   */
  static List<String> matching(String typed) {
    String key = key(typed);
    return BY_LOWER_CASE.entrySet().stream()
        .filter(e -> e.getKey().contains(key))
        .sorted(
            Comparator.comparing(
                (Map.Entry<String, String> e) -> !city(e.getKey()).startsWith(key)))
        .limit(MAX_CHOICES)
        .map(Map.Entry::getValue)
        .toList();
  }

  private static String city(String id) {
    return id.substring(id.lastIndexOf('/') + 1);
  }

  private static String key(String typed) {
    return typed.strip().replace(' ', '_').toLowerCase(Locale.ROOT);
  }
}
