package dev.orrery.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orrery.bench.PeerParsers.Skipped;
import dev.orrery.bench.PeerParsers.Timed;
import dev.orrery.bench.ResultTable.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peers comparison without Node.js or the network: the script's output, the skips, the rows.
 */
class PeerParsersTest {
  @TempDir Path dir;

  @Test
  void eachLineOfTheScriptGivesAParsersTimesOrWhyItFailed() {
    assertThat(
            PeerParsers.read(
                "feedparser 2.6.0 8.310 6.960 3\nrss-parser failed Unexpected close tag\n",
                "",
                "v20.20.2"))
        .containsExactly(
            new Timed("feedparser", "2.6.0", "v20.20.2", new ParseTime(8.31, 6.96), 3),
            new Skipped("rss-parser", "it failed: Unexpected close tag"));
  }

  @Test
  void aParserTheScriptGaveNoLineForIsSkippedWithTheErrorItPrinted() {
    String crash =
        "node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\n"
            + "Error: Cannot find module 'rss-parser'\nRequire stack:\n- /tmp/peers.js\n";

    assertThat(PeerParsers.read("feedparser 2.6.0 8.310 6.960 3\n" + crash, " (exit 1)", "v20"))
        .containsExactly(
            new Timed("feedparser", "2.6.0", "v20", new ParseTime(8.31, 6.96), 3),
            new Skipped(
                "rss-parser",
                "peers.js gave no time (exit 1): Error: Cannot find module 'rss-parser'"));
  }

  @Test
  void withoutNodeBothAreSkippedNamingTheMissingCommandAndNothingIsInstalled() throws Exception {
    Path node = dir.resolve("no-such-node");
    Path feed = Files.write(dir.resolve("feed.xml"), new byte[] {'<'});

    List<PeerParsers.Outcome> outcomes =
        new PeerParsers(node.toString(), "npm", dir.resolve("npm")).time(feed, 1, 1, 1);

    assertThat(outcomes)
        .extracting(PeerParsers.Outcome::name)
        .containsExactly("feedparser", "rss-parser");
    assertThat(outcomes)
        .allSatisfy(
            outcome ->
                assertThat(((Skipped) outcome).why())
                    .startsWith("Node.js cannot be run (" + node + ": Cannot run program"));
    assertThat(dir.resolve("npm/node_modules")).doesNotExist();
  }

  @Test
  void withoutNpmBothAreSkippedNamingIt() throws Exception {
    // a "node" that answers --version, so that npm is the one found missing
    Path npm = dir.resolve("no-such-npm");
    Path feed = Files.write(dir.resolve("feed.xml"), new byte[] {'<'});

    List<PeerParsers.Outcome> outcomes =
        new PeerParsers("true", npm.toString(), dir.resolve("npm")).time(feed, 1, 1, 1);

    assertThat(outcomes)
        .allSatisfy(
            outcome ->
                assertThat(((Skipped) outcome).why())
                    .startsWith("npm could not install them (" + npm + ": Cannot run program"));
  }

  @Test
  void orrerysTimeIsARatioToEachPeerAndASkippedPeerIsARowAndANote() {
    ResultTable table = new ResultTable();

    PeersScenario.rows(
        table,
        new ParseTime(4, 2),
        new ParseTime(1.5, 1),
        3,
        List.of(
            new Timed("feedparser", "2.6.0", "v20.20.2", new ParseTime(8, 8), 3),
            new Skipped("rss-parser", "Node.js cannot be run (node: not found)")));

    assertThat(table.rows())
        .extracting(Row::figure, Row::value, Row::target, Row::verdict)
        .contains(
            tuple("Orrery ÷ feedparser", "0.500", "≤ 1", ResultTable.Verdict.PASS),
            tuple("Orrery ÷ feedparser, CPU", "0.250", "≤ 1", ResultTable.Verdict.PASS),
            tuple("rss-parser", "skipped", "", ResultTable.Verdict.INFO));
    assertThat(table.rows())
        .extracting(Row::figure)
        .contains(
            "Orrery: FeedParser + EntryNormalizer",
            "feedparser (MonitoRSS's parser) 2.6.0, Node.js v20.20.2")
        .noneMatch(figure -> figure.startsWith("Orrery ÷ rss-parser"));
    assertThat(table.markdown())
        .contains("- peers: rss-parser skipped: Node.js cannot be run (node: not found)");
  }

  @Test
  void aPeerThatReadOtherEntriesThanOrreryIsNoted() {
    ResultTable table = new ResultTable();

    PeersScenario.rows(
        table,
        new ParseTime(4, 2),
        new ParseTime(1.5, 1),
        3,
        List.of(new Timed("rss-parser", "3.13.0", "v20", new ParseTime(3, 3), 2)));

    assertThat(table.rows())
        .filteredOn(row -> row.figure().equals("Orrery ÷ rss-parser"))
        .singleElement()
        .extracting(Row::verdict)
        .isEqualTo(ResultTable.Verdict.MISS);
    assertThat(table.markdown()).contains("peers: rss-parser read 2 entries of the feed, Orrery 3");
  }
}
