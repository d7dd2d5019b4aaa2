package dev.orrery.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataArray;

/**
 * A modal the bot showed in answer to an interaction: custom id, title, its text inputs, and the
 * components as stored (with the numeric ids Discord assigns), from which a submission is built.
 */
public record ShownModal(
    String customId, String title, List<ModalField> fields, DataArray components) {

  public Optional<ModalField> field(String customId) {
    return fields.stream().filter(f -> f.customId().equals(customId)).findFirst();
  }

  /**
   * The values a user would submit: the given ones, and the pre-filled value (or nothing) of every
   * field left out. A value the modal itself would not accept is a mistake in the test.
   *
   * @throws IllegalArgumentException naming the field and what is wrong
   */
  Map<String, String> submission(Map<String, String> values) {
    for (String key : values.keySet()) {
      if (field(key).isEmpty()) {
        throw new IllegalArgumentException(
            "modal " + customId + " has no text input " + key + "; it has " + fieldIds());
      }
    }
    Map<String, String> submitted = new LinkedHashMap<>();
    for (ModalField field : fields) {
      String value =
          values.getOrDefault(field.customId(), field.value() == null ? "" : field.value());
      String problem = field.problemWith(value);
      if (problem != null) {
        throw new IllegalArgumentException(
            "the user cannot submit that: text input "
                + field.customId()
                + " of modal "
                + customId
                + " "
                + problem);
      }
      submitted.put(field.customId(), value);
    }
    return submitted;
  }

  private List<String> fieldIds() {
    return fields.stream().map(ModalField::customId).toList();
  }

  @Override
  public String toString() {
    return "Modal(" + customId + ", \"" + title + "\", " + fieldIds() + ")";
  }
}
