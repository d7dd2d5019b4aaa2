package dev.orrery.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The table of keys, and the places that must agree with it. */
class ConfigKeysTest {
  static final String TOKEN = ConfigLoaderTest.TOKEN;

  /**
   * The comment lines above the line that sets or shows {@code key}, up to a blank line or another
   * key's line, joined into one text.
   */
  static String documentation(List<String> example, String key) {
    int line = -1;
    for (int i = 0; i < example.size(); i++) {
      if (example.get(i).startsWith(key + "=") || example.get(i).startsWith("#" + key + "=")) {
        line = i;
        break;
      }
    }
    assertThat(line).as("a line of bot.properties.example that sets or shows " + key).isPositive();
    List<String> comments = new ArrayList<>();
    for (int i = line - 1;
        i >= 0 && example.get(i).startsWith("#") && !example.get(i).matches("#[a-z<>.-]+=.*");
        i--) {
      comments.add(0, example.get(i).substring(1).trim());
    }
    return String.join(" ", comments);
  }

  @Test
  void theExampleDocumentsEveryKeyWithItsDescriptionAndDefault() throws Exception {
    List<String> example = Files.readAllLines(Path.of("bot.properties.example"));
    for (Key<?> key : ConfigKeys.all()) {
      String doc = documentation(example, key.name());
      assertThat(doc).as(key.name()).contains(key.doc());
      if (key.defaultValue() != null && !key.shownDefault().isEmpty()) {
        String written = write(key).replace(Version.current(), "<version>");
        assertThat(doc).as(key.name()).contains("Default: " + written);
      }
    }
  }

  @Test
  void checkListsEveryKeyOfTheTable() throws Exception {
    // the keys without a default are listed when something sets them
    Map<String, String> env =
        Map.of(
            "DISCORD_TOKEN", TOKEN,
            "ORRERY_DATABASE_USERNAME", "orrery",
            "ORRERY_DATABASE_PASSWORD", "a-password",
            "ORRERY_CLUSTER_NODE_NAME", "bot-1",
            "ORRERY_SOURCES_PLANET_PYTHON_INTERVAL", "30m",
            "ORRERY_METRICS_LISTEN", "127.0.0.1:9108");
    Config config = new ConfigLoader(env).loadIfPresent(Path.of("absent"), true);
    Set<String> listed =
        config.provenance().settings().stream()
            .map(Provenance.Setting::key)
            .collect(Collectors.toSet());
    for (Key<?> key : ConfigKeys.all()) {
      String name = key.name().replace(Key.NAME, "planet-python");
      if (!key.name().startsWith("subscriptions.")) {
        assertThat(listed).contains(name);
      }
    }
  }

  @Test
  void everyKeyIsSetByTheVariableNamedAfterIt() {
    for (Key<?> key : ConfigKeys.FIXED) {
      assertThat(key.variables().get(0))
          .isEqualTo("ORRERY_" + key.name().toUpperCase().replace('.', '_').replace('-', '_'));
    }
    assertThat(ConfigKeys.DISCORD_TOKEN.variables())
        .containsExactly("ORRERY_DISCORD_TOKEN", "DISCORD_TOKEN");
    assertThat(ConfigKeys.DISCORD_TOKEN.secret()).isTrue();
    assertThat(ConfigKeys.DATABASE_PASSWORD.variables())
        .containsExactly("ORRERY_DATABASE_PASSWORD");
    assertThat(ConfigKeys.all().stream().filter(Key::secret))
        .containsExactlyInAnyOrder(ConfigKeys.DISCORD_TOKEN, ConfigKeys.DATABASE_PASSWORD);
    assertThat(ConfigKeys.all().stream().map(Key::name).distinct()).hasSameSizeAs(ConfigKeys.all());
  }

  @SuppressWarnings("unchecked")
  private static <T> String write(Key<T> key) {
    return key.rule().write(key.defaultValue());
  }
}
