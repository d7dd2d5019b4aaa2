package dev.orrery.rules;

import java.util.List;
import java.util.Objects;

/**
 * The parts of an entry a {@link Filter} looks at; a null part reads as empty.
 *
 * @param categories the entry's categories (tags); null elements are left out
 * @param link the entry's address
 */
public record FilterInput(
    String title, String summary, String author, List<String> categories, String link) {
  public FilterInput {
    title = Objects.requireNonNullElse(title, "");
    summary = Objects.requireNonNullElse(summary, "");
    author = Objects.requireNonNullElse(author, "");
    categories =
        categories == null ? List.of() : categories.stream().filter(Objects::nonNull).toList();
    link = Objects.requireNonNullElse(link, "");
  }
}
