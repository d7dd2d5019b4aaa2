package dev.orrery.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads bot.properties into its keys and values, or says why it cannot be read. */
final class ConfigFile {
  private ConfigFile() {}

  /**
   * The keys of {@code file} and their values, trimmed; null when the file does not exist and need
   * not.
   */
  static Map<String, String> read(Path file, boolean mustExist) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      if (!mustExist) {
        return null; // defaults and environment alone can make a working configuration
      }
      throw ConfigException.aboutTheFile(
          file
              + " does not exist: check the path given to --config, or leave --config out to read"
              + " ./bot.properties (which may be absent) and the environment");
    } catch (AccessDeniedException e) {
      RunningUser user = RunningUser.current();
      throw ConfigException.aboutTheFile(
          file
              + " cannot be read: permission denied for the user that runs Orrery ("
              + user.describe()
              + "): make it readable by that user, or by its group: "
              + user.groupReadable(file));
    } catch (IOException e) {
      throw ConfigException.aboutTheFile(file + " cannot be read: " + e.getMessage());
    }
    Properties properties = new Properties();
    try {
      // Editors on Windows may start the file with a byte order mark: not part of the first key.
      properties.load(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
    } catch (IOException | IllegalArgumentException e) {
      throw ConfigException.aboutTheFile(file + " cannot be read: " + e.getMessage());
    }
    Map<String, String> values = new TreeMap<>();
    properties
        .stringPropertyNames()
        .forEach(k -> values.put(k.trim(), properties.getProperty(k).trim()));
    return values;
  }

  /**
   * A warning when {@code file} holds the token and every user may read it, with the commands that
   * leave it readable by its owner and the group that runs Orrery: a mode of 600 would lock out
   * Orrery itself where another user owns the file, as a file mounted into the Docker image is.
   */
  static List<String> tokenWarnings(Path file, Map<String, String> values) {
    if (values.getOrDefault(ConfigKeys.DISCORD_TOKEN.name(), "").isBlank()
        || !readableByOthers(file)) {
      return List.of();
    }
    RunningUser user = RunningUser.current();
    String who = user.gid() == null ? "" : " (gid " + user.gid() + ")";
    return List.of(
        file
            + " holds the bot's token and can be read by every user of this machine: run "
            + user.groupReadable(file)
            + ", so that only its owner and the group that runs Orrery"
            + who
            + " can read it");
  }

  private static boolean readableByOthers(Path file) {
    try {
      return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false; // not a POSIX file system: nothing to check
    }
  }
}
