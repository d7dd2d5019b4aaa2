package dev.orrery.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system (tmpfs) mounted for a test, which the test can fill up to have a disk
 * with no room left. Mounting needs root, as CI runs; {@link #canMount()} says whether it can.
 */
public final class SmallDisk implements AutoCloseable {
  private final Path mountPoint;
  private final Path filler;

  private SmallDisk(Path mountPoint) {
    this.mountPoint = mountPoint;
    this.filler = mountPoint.resolve("filler");
  }

  /** Mounts a tmpfs of {@code megabytes} at {@code mountPoint}, which must exist. */
  public static SmallDisk mount(Path mountPoint, int megabytes) throws IOException {
    run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
    return new SmallDisk(mountPoint);
  }

  /** Whether this process may mount a file system. */
  public static boolean canMount() {
    try {
      Path probe = Files.createTempDirectory("orrery-mount-probe");
      try {
        run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.toString());
        run("umount", probe.toString());
        return true;
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException e) {
      return false;
    }
  }

  public Path path() {
    return mountPoint;
  }

  /** Writes a file until the disk has no room left. */
  public void fill() throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      // the disk is full: what the test wanted
    }
  }

  /** Deletes what {@link #fill} wrote. */
  public void free() throws IOException {
    Files.deleteIfExists(filler);
  }

  @Override
  public void close() throws IOException {
    run("umount", "-l", mountPoint.toString());
  }

  private static void run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command)
                + " failed: "
                + new String(process.getInputStream().readAllBytes()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
