package dev.orrery.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this build carries, read from a resource the build fills in. */
public final class Version {
  public static final String HOME_PAGE = "https://github.com/orrery-bot/orrery";

  private Version() {}

  public static String current() {
    try (InputStream in = Version.class.getResourceAsStream("/orrery-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
