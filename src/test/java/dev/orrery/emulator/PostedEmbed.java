package dev.orrery.emulator;

import java.util.List;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * An embed as the bot sent it; {@link #raw()} keeps every field for what the accessors leave out.
 */
public record PostedEmbed(
    String title,
    String description,
    String url,
    String timestamp,
    Integer color,
    String authorName,
    String footerText,
    List<Field> fields,
    DataObject raw) {

  /** One embed field. */
  public record Field(String name, String value, boolean inline) {}

  static PostedEmbed from(DataObject json) {
    DataArray rawFields = json.optArray("fields").orElseGet(DataArray::empty);
    List<Field> fields =
        rawFields.stream(DataArray::getObject)
            .map(
                f ->
                    new Field(
                        f.getString("name", ""), f.getString("value", ""), f.getBoolean("inline")))
            .toList();
    return new PostedEmbed(
        json.getString("title", null),
        json.getString("description", null),
        json.getString("url", null),
        json.getString("timestamp", null),
        json.isNull("color") ? null : json.getInt("color"),
        json.optObject("author").map(a -> a.getString("name", null)).orElse(null),
        json.optObject("footer").map(f -> f.getString("text", null)).orElse(null),
        fields,
        json);
  }

  /**
   * Discord's measure of an embed against the 6000 limit: title, description, fields, footer,
   * author.
   */
  int length() {
    int length = len(title) + len(description) + len(authorName) + len(footerText);
    for (Field field : fields) {
      length += len(field.name()) + len(field.value());
    }
    return length;
  }

  private static int len(String text) {
    return text == null ? 0 : text.length();
  }
}
