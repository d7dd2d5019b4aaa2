package dev.orrery.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Checks a modal callback's {@code data} as Discord does (50035 listing every breach) and turns it
 * into a {@link ShownModal}. Top-level components are labels (type 18, what JDA 6 sends) wrapping a
 * text input or another input, text displays (10), or legacy action rows (1) holding one text
 * input.
 */
final class ModalValidator {
  static final int MAX_CUSTOM_ID = 100;
  static final int MAX_TITLE = 45;
  static final int MAX_COMPONENTS = 5;
  static final int MAX_LABEL = 45;
  static final int MAX_DESCRIPTION = 100;
  static final int MAX_VALUE = 4000;
  static final int MAX_PLACEHOLDER = 100;
  static final int ACTION_ROW = 1;
  static final int TEXT_INPUT = 4;
  static final int TEXT_DISPLAY = 10;
  static final int LABEL = 18;

  /** What a label may wrap: text input, the select menus, file upload, radio and checkboxes. */
  private static final Set<Integer> LABEL_CHILDREN = Set.of(3, 4, 5, 6, 7, 8, 19, 21, 22, 23);

  private final FormErrors errors = new FormErrors();
  private final Set<String> customIds = new HashSet<>();
  private final List<ModalField> fields = new ArrayList<>();

  private ModalValidator() {}

  static ShownModal validate(DataObject data) {
    return new ModalValidator().check(data);
  }

  private ShownModal check(DataObject data) {
    String customId = data.getString("custom_id", "");
    String title = data.getString("title", "");
    length("data.custom_id", customId, 1, MAX_CUSTOM_ID);
    length("data.title", title, 1, MAX_TITLE);
    DataArray components =
        DataArray.fromJson(data.optArray("components").orElseGet(DataArray::empty).toString());
    if (components.isEmpty() || components.length() > MAX_COMPONENTS) {
      errors.add(
          "data.components",
          "BASE_TYPE_BAD_LENGTH",
          "Must be between 1 and " + MAX_COMPONENTS + " in length.");
    }
    for (int i = 0; i < components.length(); i++) {
      topLevel("data.components." + i, components.getObject(i));
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalidFormBody(errors.toJson());
    }
    ComponentIds.assign(components);
    return new ShownModal(customId, title, List.copyOf(fields), components);
  }

  private void topLevel(String at, DataObject component) {
    int type = component.getInt("type", 0);
    if (type == LABEL) {
      String label = component.getString("label", "");
      length(at + ".label", label, 1, MAX_LABEL);
      length(at + ".description", component.getString("description", ""), 0, MAX_DESCRIPTION);
      if (component.isNull("component")) {
        errors.add(at + ".component", "BASE_TYPE_REQUIRED", "This field is required");
        return;
      }
      DataObject child = component.getObject("component");
      int childType = child.getInt("type", 0);
      if (!LABEL_CHILDREN.contains(childType)) {
        errors.add(
            at + ".component.type",
            "UNION_TYPE_CHOICES",
            "Value of field \"type\" must be one of " + LABEL_CHILDREN + ".");
      } else if (childType == TEXT_INPUT) {
        textInput(at + ".component", child, label);
      } else {
        customId(at + ".component.custom_id", child.getString("custom_id", ""));
      }
    } else if (type == ACTION_ROW) {
      DataArray children = component.optArray("components").orElseGet(DataArray::empty);
      if (children.length() != 1 || children.getObject(0).getInt("type", 0) != TEXT_INPUT) {
        errors.add(
            at + ".components",
            "BASE_TYPE_BAD_LENGTH",
            "An action row in a modal holds exactly one text input.");
        return;
      }
      DataObject input = children.getObject(0);
      String label = input.getString("label", "");
      length(at + ".components.0.label", label, 1, MAX_LABEL);
      textInput(at + ".components.0", input, label);
    } else if (type == TEXT_DISPLAY) {
      length(at + ".content", component.getString("content", ""), 1, MAX_VALUE);
    } else {
      errors.add(
          at + ".type",
          "UNION_TYPE_CHOICES",
          "Value of field \"type\" must be one of (1, 10, 18).");
    }
  }

  private void textInput(String at, DataObject input, String label) {
    String customId = input.getString("custom_id", "");
    customId(at + ".custom_id", customId);
    int style = input.getInt("style", 0);
    if (style != 1 && style != 2) {
      errors.add(at + ".style", "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.");
    }
    int min = input.getInt("min_length", 0);
    int max = input.getInt("max_length", MAX_VALUE);
    range(at + ".min_length", min, 0, MAX_VALUE);
    range(at + ".max_length", max, 1, MAX_VALUE);
    if (min > max) {
      errors.add(
          at + ".min_length",
          "TEXT_INPUT_MIN_LENGTH_INVALID",
          "min_length must be less than or equal to max_length.");
    }
    String value = input.getString("value", null);
    if (value != null) {
      length(at + ".value", value, 0, Math.min(max, MAX_VALUE));
    }
    String placeholder = input.getString("placeholder", null);
    if (placeholder != null) {
      length(at + ".placeholder", placeholder, 0, MAX_PLACEHOLDER);
    }
    fields.add(
        new ModalField(
            customId,
            label,
            style,
            min,
            max,
            input.getBoolean("required", true),
            value,
            placeholder));
  }

  private void customId(String at, String customId) {
    length(at, customId, 1, MAX_CUSTOM_ID);
    if (!customId.isEmpty() && !customIds.add(customId)) {
      errors.add(at, "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated.");
    }
  }

  private void length(String at, String value, int min, int max) {
    if (value.length() < min || value.length() > max) {
      errors.add(
          at,
          "BASE_TYPE_BAD_LENGTH",
          min == 0
              ? "Must be " + max + " or fewer in length."
              : "Must be between " + min + " and " + max + " in length.");
    }
  }

  private void range(String at, int value, int min, int max) {
    if (value < min || value > max) {
      errors.add(
          at,
          value < min ? "NUMBER_TYPE_MIN" : "NUMBER_TYPE_MAX",
          "Int should be between " + min + " and " + max + ".");
    }
  }
}
