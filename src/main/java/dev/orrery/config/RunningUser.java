package dev.orrery.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user this process runs as, to say who must be able to read a file: its name, and its user and
 * group IDs where the system tells them (Linux, through /proc).
 *
 * @param uid null when unknown
 * @param gid null when unknown
 */
record RunningUser(String name, Integer uid, Integer gid) {
  static RunningUser current() {
    String name = System.getProperty("user.name", "?");
    try {
      Path self = Path.of("/proc/self");
      return new RunningUser(
          name,
          (Integer) Files.getAttribute(self, "unix:uid"),
          (Integer) Files.getAttribute(self, "unix:gid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return new RunningUser(name, null, null);
    }
  }

  /** "orrery, uid 10001, gid 10001", or the name alone. */
  String describe() {
    return uid == null ? name : name + ", uid " + uid + ", gid " + gid;
  }

  /** The commands that let this user's group, and no one else, read {@code file}. */
  String groupReadable(Path file) {
    return gid == null
        ? "chgrp it to the group that runs Orrery and chmod 640 " + file
        : "chgrp " + gid + " " + file + " and chmod 640 " + file;
  }
}
