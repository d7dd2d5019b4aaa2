package dev.orrery.emulator;

import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Builds the nested {@code errors} object of Discord's 50035 Invalid Form Body from dotted field
 * paths.
 */
final class FormErrors {
  private final DataObject root = DataObject.empty();

  static DataObject single(String path, String code, String message) {
    return new FormErrors().add(path, code, message).toJson();
  }

  /** Adds one error at a path such as {@code embeds.0.title}. */
  FormErrors add(String path, String code, String message) {
    DataObject node = root;
    for (String key : path.split("\\.")) {
      if (!node.hasKey(key)) {
        node.put(key, DataObject.empty());
      }
      node = node.getObject(key);
    }
    if (!node.hasKey("_errors")) {
      node.put("_errors", DataArray.empty());
    }
    node.getArray("_errors").add(DataObject.empty().put("code", code).put("message", message));
    return this;
  }

  boolean isEmpty() {
    return root.keys().isEmpty();
  }

  DataObject toJson() {
    return root;
  }
}
