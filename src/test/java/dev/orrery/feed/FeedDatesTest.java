package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.impl.DateParser;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.jdom2.Document;
import org.jdom2.input.SAXBuilder;
import org.jdom2.output.XMLOutputter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dates read with java.time are the instants ROME reads, and what java.time cannot read, ROME does.
 */
class FeedDatesTest {
  static final URI URL = URI.create("https://dates.example/feed.xml");

  /** Forms seen in real feeds, each read here exactly as ROME's DateParser reads it. */
  static final List<String> READ_HERE =
      List.of(
          "Sat, 05 Dec 2026 10:00:00 GMT",
          "Sat, 5 Dec 2026 10:00:00 GMT",
          "05 Dec 2026 10:00:00 +0000",
          "5 Dec 2026 09:07:03 GMT",
          "Sat, 05 Dec 2026 10:00 GMT",
          "Sat, 05 Dec 2026 10:00:00 UT",
          "Sat, 05 Dec 2026 10:00:00 UTC",
          "Sat, 05 Dec 2026 10:00:00 Z",
          "Sat, 05 Dec 2026 10:00:00 EST",
          "Sat, 05 Dec 2026 10:00:00 EDT",
          "Sat, 05 Dec 2026 10:00:00 CST",
          "Sat, 05 Dec 2026 10:00:00 CDT",
          "Sat, 05 Dec 2026 10:00:00 MST",
          "Sat, 05 Dec 2026 10:00:00 MDT",
          "Sat, 05 Dec 2026 10:00:00 PST",
          "Sat, 05 Dec 2026 10:00:00 PDT",
          "Wed, 01 Jul 2026 23:59:59 +0530",
          "Wed, 01 Jul 2026 00:00:00 -0800",
          "Tue, 05 Dec 2026 10:00:00 GMT", // the wrong weekday, which ROME ignores
          "Saturday, 05 Dec 2026 10:00:00 GMT",
          "sat, 05 dec 2026 10:00:00 gmt",
          "  Sat, 05 Dec 2026 10:00:00 GMT\n",
          "Thu, 29 Feb 2024 12:30:00 +0100",
          "2026-12-05T10:00:00Z",
          "2026-12-05T10:00:00.123Z",
          "2026-12-05T10:00:00+01:00",
          "2026-12-05T10:00:00.250-05:00",
          "2026-12-05T10:00Z",
          "2026-12-05");

  @Test
  void realWorldFormsGiveRomesInstants() {
    for (String text : READ_HERE) {
      assertThat(FeedDates.parse(text)).as(text).isNotNull().isEqualTo(rome(text));
    }
  }

  @Test
  void fractionsOfASecondAreReadAsFractions() {
    // ROME reads the digits as a count of milliseconds: 5 ms and 123,456 ms
    assertThat(FeedDates.parse("2026-12-05T10:00:00.5Z"))
        .isEqualTo(Instant.parse("2026-12-05T10:00:00.500Z"));
    assertThat(FeedDates.parse("2026-12-05T10:00:00.123456+00:00"))
        .isEqualTo(Instant.parse("2026-12-05T10:00:00.123Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Sat, 05 Dec 26 10:00:00 GMT", // two-digit year
        "Sat, 31 Nov 2026 10:00:00 GMT", // ROME rolls over to 1 December
        "Sat, 05 Dec 2026 24:00:00 GMT",
        "Sat, 05 Dec 2026 10:00:00 CET",
        "Sat, 05 Dec 2026 10:00:00 +05:30",
        "Sat, 05 December 2026 10:00:00 GMT",
        "2026-12-05t10:00:00z",
        "2026-12-05T10:00:00",
        "2026-12-05 10:00:00",
        "05/12/2026",
        "yesterday",
        "",
        "  "
      })
  void formsNotReadHereAreLeftToRome(String text) {
    assertThat(FeedDates.parse(text)).isNull();
  }

  @Test
  void aFeedsEntriesGetTheInstantsRomeGives() throws Exception {
    List<String> dates = new ArrayList<>(READ_HERE);
    dates.addAll(List.of("Sat, 05 Dec 26 10:00:00 GMT", "Sat, 31 Nov 2026 10:00:00 GMT"));
    dates.addAll(List.of("Sat, 05 Dec 2026 10:00:00 CET", "2026-12-05t10:00:00z", "soon"));
    StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title>");
    rss.append("<pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate>");
    for (int i = 0; i < dates.size(); i++) {
      rss.append("<item><guid>g").append(i).append("</guid><title>e</title>");
      rss.append("<pubDate>").append(dates.get(i)).append("</pubDate></item>");
    }
    rss.append("<item><guid>undated</guid><title>e</title></item></channel></rss>");
    assertSameInstantsAsRome(rss.toString());
  }

  @Test
  void anAtomFeedsEntriesGetTheInstantsRomeGives() throws Exception {
    String atom =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>f</id>"
            + "<updated>2026-12-05T10:00:00Z</updated>"
            + entry("a", "<published>2026-12-05T09:00:00+01:00</published>")
            + entry("b", "<updated>2026-12-04T10:00:00.123Z</updated>")
            + entry("c", "<updated>2026-12-04T10:00:00Z</updated><published>2026-12-01</published>")
            + entry("d", "<published>Sat, 05 Dec 2026 10:00:00 GMT</published>")
            + entry("e", "<published>2026-12-05t10:00:00z</published>")
            + entry("f", "")
            + "</feed>";
    assertSameInstantsAsRome(atom);
  }

  @Test
  void thePlanetFeedsEntriesGetTheInstantsRomeGives() throws Exception {
    for (String snapshot : Fixtures.SNAPSHOTS) {
      for (String source : Fixtures.SOURCES) {
        byte[] body = Fixtures.feed(snapshot, source);
        if (body != null) {
          assertSameInstantsAsRome(new String(body, StandardCharsets.UTF_8));
        }
      }
    }
  }

  @Test
  void datesPutBackLeaveTheDocumentAsItWas() throws Exception {
    String rss =
        "<rss version=\"2.0\"><channel><title>t</title><pubDate>5 Dec 2026 10:00 GMT</pubDate>"
            + "<item><title>a</title><pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate><x/></item>"
            + "<item><pubDate>2026-12-05</pubDate></item></channel></rss>";
    Document document = new SAXBuilder().build(new StringReader(rss));
    String before = new XMLOutputter().outputString(document);
    RomeDates dates = RomeDates.take(document, "rss_2.0");
    assertThat(new XMLOutputter().outputString(document)).doesNotContain("pubDate");
    dates.putBack();
    assertThat(new XMLOutputter().outputString(document)).isEqualTo(before);
  }

  static String entry(String id, String dates) {
    return "<entry><id>" + id + "</id><title>e</title>" + dates + "</entry>";
  }

  /**
   * Each entry's date through FeedParser equals the one ROME alone reads (published, else updated).
   */
  static void assertSameInstantsAsRome(String xml) throws Exception {
    ParseResult result = new FeedParser().parse(xml.getBytes(StandardCharsets.UTF_8), null, URL);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    List<ParsedEntry> ours = ((ParseResult.Parsed) result).feed().entries();
    SyndFeed rome = new SyndFeedInput().build(new StringReader(xml));
    assertThat(ours).hasSameSizeAs(rome.getEntries());
    int dated = 0;
    for (int i = 0; i < ours.size(); i++) {
      SyndEntry entry = rome.getEntries().get(i);
      Date date =
          entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
      Instant expected = date == null ? null : date.toInstant();
      assertThat(ours.get(i).published()).as("entry %d", i).isEqualTo(expected);
      dated += expected == null ? 0 : 1;
    }
    assertThat(dated).as("entries with a date").isPositive();
  }

  static Instant rome(String text) {
    Date date = DateParser.parseDate(text, Locale.US);
    return date == null ? null : date.toInstant();
  }
}
