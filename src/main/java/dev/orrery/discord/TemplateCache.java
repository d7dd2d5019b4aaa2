package dev.orrery.discord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled message templates by their text: a template is rendered for each entry of its
 * subscription, and many subscriptions may share one text, so each text is compiled once. Past the
 * bound, the template used longest ago is dropped.
 */
final class TemplateCache {
  private final Map<String, MessageTemplate> compiled;

  TemplateCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    compiled =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, MessageTemplate> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The compiled template of this text; a refused text is not kept, and is refused each time. */
  synchronized MessageTemplate get(String text) throws TemplateException {
    MessageTemplate template = compiled.get(text);
    if (template == null) {
      template = MessageTemplate.compile(text);
      compiled.put(text, template);
    }
    return template;
  }
}
