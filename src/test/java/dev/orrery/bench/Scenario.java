package dev.orrery.bench;

/**
 * One part of the bench (feed cycles; later delivery, latency, start-up): measures, then adds its
 * rows and notes to the shared table.
 */
public interface Scenario {
  /** The name {@code --only} selects it by. */
  String name();

  void run(BenchOptions options, ResultTable table) throws Exception;
}
