package dev.orrery.bench;

import java.util.Properties;

/**
 * One measured poll cycle, as the forked JVM reports it to the bench on its standard output.
 *
 * @param startNanos of {@code wallNanos}, the scheduler's start: reading the feeds, a job for each
 * @param updated feeds fetched and parsed (baseline or new entries)
 * @param notModified feeds that answered 304
 * @param sameBody feeds that sent the body they sent last time (hashed, not parsed)
 * @param failed feeds whose refresh failed: should be none
 * @param entries entries inserted
 * @param deliveries deliveries queued
 */
record CycleResult(
    String name,
    int feeds,
    long wallNanos,
    long startNanos,
    long cpuNanos,
    long peakHeapBytes,
    long peakRssBytes,
    int updated,
    int notModified,
    int sameBody,
    int failed,
    long entries,
    long deliveries) {

  double seconds() {
    return wallNanos / 1e9;
  }

  double feedsPerSecond() {
    return feeds * 1e9 / wallNanos;
  }

  double entriesPerSecond() {
    return entries * 1e9 / wallNanos;
  }

  void writeTo(Properties out) {
    String p = "cycle." + name + ".";
    out.setProperty(p + "feeds", Integer.toString(feeds));
    out.setProperty(p + "wallNanos", Long.toString(wallNanos));
    out.setProperty(p + "startNanos", Long.toString(startNanos));
    out.setProperty(p + "cpuNanos", Long.toString(cpuNanos));
    out.setProperty(p + "peakHeapBytes", Long.toString(peakHeapBytes));
    out.setProperty(p + "peakRssBytes", Long.toString(peakRssBytes));
    out.setProperty(p + "updated", Integer.toString(updated));
    out.setProperty(p + "notModified", Integer.toString(notModified));
    out.setProperty(p + "sameBody", Integer.toString(sameBody));
    out.setProperty(p + "failed", Integer.toString(failed));
    out.setProperty(p + "entries", Long.toString(entries));
    out.setProperty(p + "deliveries", Long.toString(deliveries));
  }

  /** The cycle called {@code name} in {@code in}, or null when the JVM did not report it. */
  static CycleResult readFrom(Properties in, String name) {
    String p = "cycle." + name + ".";
    if (in.getProperty(p + "wallNanos") == null) {
      return null;
    }
    return new CycleResult(
        name,
        Integer.parseInt(in.getProperty(p + "feeds")),
        Long.parseLong(in.getProperty(p + "wallNanos")),
        Long.parseLong(in.getProperty(p + "startNanos")),
        Long.parseLong(in.getProperty(p + "cpuNanos")),
        Long.parseLong(in.getProperty(p + "peakHeapBytes")),
        Long.parseLong(in.getProperty(p + "peakRssBytes")),
        Integer.parseInt(in.getProperty(p + "updated")),
        Integer.parseInt(in.getProperty(p + "notModified")),
        Integer.parseInt(in.getProperty(p + "sameBody")),
        Integer.parseInt(in.getProperty(p + "failed")),
        Long.parseLong(in.getProperty(p + "entries")),
        Long.parseLong(in.getProperty(p + "deliveries")));
  }
}
