package dev.orrery.rules;

import com.google.re2j.Pattern;
import dev.orrery.config.Levenshtein;
import java.util.List;
import java.util.Locale;

/** The part of an entry a term is matched against; a term without a field reads several. */
enum Field {
  /** No field given: the title, the summary and the categories. */
  ANY,
  TITLE,
  SUMMARY,
  AUTHOR,
  CATEGORY,
  LINK;

  /** The fields a user may name, in the order the help lists them. */
  static final List<Field> NAMED = List.of(TITLE, SUMMARY, AUTHOR, CATEGORY, LINK);

  String userName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The field called {@code name} (any case), or null. */
  static Field named(String name) {
    for (Field field : NAMED) {
      if (field.userName().equalsIgnoreCase(name)) {
        return field;
      }
    }
    return null;
  }

  /** What to tell someone who wrote {@code name:} for a field that does not exist. */
  static String unknown(String name) {
    String typed = name.toLowerCase(Locale.ROOT);
    Field closest = null;
    int best = Integer.MAX_VALUE;
    for (Field field : NAMED) {
      int distance = Levenshtein.distance(typed, field.userName());
      if (distance < best) {
        best = distance;
        closest = field;
      }
    }
    // A suggestion further than that from what was typed would puzzle more than it helps.
    if (best <= 3 && best < typed.length()) {
      return "unknown field '" + name + "': did you mean " + closest.userName() + "?";
    }
    return "unknown field '"
        + name
        + "': the fields are title, summary, author, category and link;"
        + " put a word with a colon in quotes";
  }

  /**
   * Whether {@code pattern} is found in this field of {@code entry}, looking only where the {@code
   * literal} (lower case, or null) occurs.
   */
  boolean find(Pattern pattern, String literal, EntryText entry) {
    FilterInput e = entry.entry;
    return switch (this) {
      case ANY ->
          TITLE.find(pattern, literal, entry)
              || SUMMARY.find(pattern, literal, entry)
              || CATEGORY.find(pattern, literal, entry);
      case CATEGORY -> found(pattern, literal, e.categories(), entry);
      case TITLE -> found(pattern, literal, e.title(), entry);
      case SUMMARY -> found(pattern, literal, e.summary(), entry);
      case AUTHOR -> found(pattern, literal, e.author(), entry);
      case LINK -> found(pattern, literal, e.link(), entry);
    };
  }

  private boolean found(Pattern pattern, String literal, String text, EntryText entry) {
    if (text.isEmpty() || literal != null && !entry.lower(this).contains(literal)) {
      return false;
    }
    return pattern.matcher(text).find();
  }

  private static boolean found(
      Pattern pattern, String literal, List<String> texts, EntryText entry) {
    List<String> lower = literal == null ? null : entry.lowerCategories();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (!text.isEmpty()
          && (lower == null || lower.get(i).contains(literal))
          && pattern.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }
}
