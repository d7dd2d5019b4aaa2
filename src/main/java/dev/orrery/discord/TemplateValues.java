package dev.orrery.discord;

import dev.orrery.markdown.DiscordMarkdown;
import dev.orrery.store.Entry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a message template may show of an entry, each value ready for a message's content: text from
 * the feed escaped so it cannot format, link or mention, the summary as the Discord markdown it
 * already is, URLs only when Discord will link them, and "" for whatever is absent (so that a
 * section on it renders nothing).
 *
 * @param feed the source's title, as people know it
 * @param published a Discord timestamp, shown in each reader's own time zone
 */
record TemplateValues(
    String title,
    String link,
    String author,
    String summary,
    String feed,
    String published,
    List<String> categories,
    String image) {

  /** Nothing at all: every placeholder empty. */
  static final TemplateValues NONE = new TemplateValues("", "", "", "", "", "", List.of(), "");

  TemplateValues {
    categories = List.copyOf(categories);
  }

  static TemplateValues of(Entry entry, String feedName) {
    return new TemplateValues(
        text(entry.title()),
        url(entry.url()),
        text(entry.author()),
        entry.summary() == null ? "" : entry.summary(),
        text(feedName),
        entry.published() == null ? "" : "<t:" + entry.published().getEpochSecond() + ":f>",
        entry.categories().stream()
            .filter(c -> c != null && !c.isBlank())
            .map(TemplateValues::text)
            .toList(),
        url(entry.imageUrl()));
  }

  /** The names a template may use, in the order people are told them. */
  static List<String> names() {
    return List.copyOf(NONE.byName().keySet());
  }

  /** The values by placeholder name: what the template is rendered against. */
  Map<String, Object> byName() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("title", title);
    values.put("link", link);
    values.put("author", author);
    values.put("summary", summary);
    values.put("feed", feed);
    values.put("published", published);
    values.put("categories", categories.stream().map(Category::new).toList());
    values.put("image", image);
    return values;
  }

  /**
   * One category as a section over the categories sees it: {@code {{.}}} is its name, and a {@code
   * {{#categories}}} nested inside finds none, so nesting cannot repeat every category for each one
   * (50 categories nested 10 deep would be 50^10 renderings).
   */
  public record Category(String name) {
    public List<Category> categories() {
      return List.of();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? "" : DiscordMarkdown.escape(value.strip());
  }

  private static String url(String value) {
    String linkable = EntryRenderer.linkable(value);
    return linkable == null ? "" : linkable;
  }
}
