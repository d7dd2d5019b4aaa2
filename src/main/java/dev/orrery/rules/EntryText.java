package dev.orrery.rules;

import java.util.List;
import java.util.Locale;

/**
 * An entry's text as one evaluation of a filter reads it: each field as given, and in lower case
 * when a word or phrase first looks for itself there (a plain search finds most entries that do not
 * contain a word long before a regular expression would).
 */
final class EntryText {
  final FilterInput entry;
  private String title;
  private String summary;
  private String author;
  private String link;
  private List<String> categories;

  EntryText(FilterInput entry) {
    this.entry = entry;
  }

  /** The field's texts in lower case, computed once per evaluation. */
  String lower(Field field) {
    return switch (field) {
      case TITLE -> title == null ? (title = lower(entry.title())) : title;
      case SUMMARY -> summary == null ? (summary = lower(entry.summary())) : summary;
      case AUTHOR -> author == null ? (author = lower(entry.author())) : author;
      case LINK -> link == null ? (link = lower(entry.link())) : link;
      default -> throw new IllegalArgumentException("not one text: " + field);
    };
  }

  List<String> lowerCategories() {
    if (categories == null) {
      categories = entry.categories().stream().map(EntryText::lower).toList();
    }
    return categories;
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
