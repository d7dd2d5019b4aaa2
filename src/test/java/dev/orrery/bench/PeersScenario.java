package dev.orrery.bench;

import dev.orrery.bench.PeerParsers.Outcome;
import dev.orrery.bench.PeerParsers.Skipped;
import dev.orrery.bench.PeerParsers.Timed;
import dev.orrery.bench.ResultTable.Row;
import dev.orrery.bench.ResultTable.Verdict;
import dev.orrery.testing.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Orrery's parse and normalise of the planet feed the JMH benchmark uses, beside the parsers of two
 * Node.js feed readers on the same bytes: MonitoRSS's ({@code feedparser}) and {@code rss-parser}.
 * Orrery's time is shown as a ratio to each; the peers are skipped where Node.js or npm is missing.
 */
final class PeersScenario implements Scenario {
  static final String SCENARIO = "peers, planet feed (65 KB)";
  static final int WARMUP = 300;
  static final int ROUNDS = 10;
  static final int PER_ROUND = 100;

  private final String node;
  private final String npm;

  PeersScenario() {
    this("node", "npm");
  }

  /** With other {@code node} and {@code npm} commands, or paths to them. */
  PeersScenario(String node, String npm) {
    this.node = node;
    this.npm = npm;
  }

  @Override
  public String name() {
    return "peers";
  }

  @Override
  public void run(BenchOptions options, ResultTable table) throws Exception {
    byte[] feed = Resources.bytes(PlanetFeedWork.LARGEST);
    PlanetFeedWork work = new PlanetFeedWork();
    int entries = work.parseAndNormalize(feed).size();
    System.out.println("peers: Orrery");
    ParseTime parseOnly = ParseTime.of(() -> work.parse(feed), WARMUP, ROUNDS, PER_ROUND);
    ParseTime orrery = ParseTime.of(() -> work.parseAndNormalize(feed), WARMUP, ROUNDS, PER_ROUND);
    System.out.println("peers: feedparser and rss-parser under Node.js");
    Path folder = Files.createTempDirectory("orrery-bench-peers");
    try {
      Path file = Files.write(folder.resolve("planet-twisted.rss.xml"), feed);
      List<Outcome> peers =
          new PeerParsers(node, npm, folder.resolve("npm")).time(file, WARMUP, ROUNDS, PER_ROUND);
      rows(table, orrery, parseOnly, entries, peers);
    } finally {
      DeliveryScenario.delete(folder); // the packages npm installed too
    }
  }

  /** The rows and notes of one comparison. */
  static void rows(
      ResultTable table, ParseTime orrery, ParseTime parseOnly, int entries, List<Outcome> peers) {
    times(table, "Orrery: FeedParser + EntryNormalizer", orrery);
    times(table, "Orrery: FeedParser alone", parseOnly);
    for (Outcome peer : peers) {
      String figure = label(peer.name());
      if (peer instanceof Timed timed) {
        times(table, figure + " " + timed.version() + ", Node.js " + timed.runtime(), timed.time());
        String ratio = "Orrery ÷ " + peer.name();
        table.atMost(SCENARIO, ratio, orrery.wallMs() / timed.time().wallMs(), "×", 1);
        table.atMost(SCENARIO, ratio + ", CPU", orrery.cpuMs() / timed.time().cpuMs(), "×", 1);
        if (timed.entries() != entries) {
          table.note(
              String.format(
                  Locale.ROOT,
                  "peers: %s read %d entries of the feed, Orrery %d",
                  peer.name(),
                  timed.entries(),
                  entries));
        }
      } else if (peer instanceof Skipped skipped) {
        table.add(new Row(SCENARIO, figure, "skipped", "", "", Verdict.INFO));
        table.note("peers: " + peer.name() + " skipped: " + skipped.why());
      }
    }
    table.note(
        String.format(
            Locale.ROOT,
            "peers: each parser on one thread from the file's bytes, %,d parses to warm up, then"
                + " the fastest of %d rounds of %,d (wall time, and the process's CPU time); Orrery"
                + " in the bench's JVM and normalising too (HTML to markdown, the summary cut, the"
                + " image), the peers parsing only",
            WARMUP,
            ROUNDS,
            PER_ROUND));
  }

  private static void times(ResultTable table, String figure, ParseTime time) {
    table.info(SCENARIO, figure, time.wallMs(), "ms/parse");
    table.info(SCENARIO, figure + ", CPU", time.cpuMs(), "ms/parse");
  }

  private static String label(String name) {
    return name.equals("feedparser") ? "feedparser (MonitoRSS's parser)" : name;
  }
}
