package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemplateCacheTest {
  @Test
  void aTextIsCompiledOnceWhileItIsKept() throws TemplateException {
    TemplateCache cache = new TemplateCache(2);
    MessageTemplate title = cache.get("{{title}}");
    MessageTemplate link = cache.get("{{link}}");
    assertThat(cache.get("{{title}}")).isSameAs(title);
    // a third text: the one used longest ago, "{{link}}", is dropped
    cache.get("{{feed}}");
    assertThat(cache.get("{{title}}")).isSameAs(title);
    assertThat(cache.get("{{link}}")).isNotSameAs(link);
  }

  @Test
  void aRefusedTextIsRefusedEachTime() {
    TemplateCache cache = new TemplateCache(2);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cache.get("{{titel}}"))
          .isInstanceOf(TemplateException.class)
          .hasMessageStartingWith("unknown placeholder {{titel}}");
    }
  }
}
