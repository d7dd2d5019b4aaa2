package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.WireFeedInput;
import dev.orrery.testing.Resources;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectCloneDublinCoreTest {
  static final URI URL = URI.create("https://planet.example/feed.xml");

  static final String DC = "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";

  /** Every Dublin Core element, some twice, and a subject with a taxonomy. */
  static final String EVERY_ELEMENT =
      "<dc:title>T</dc:title><dc:creator>Ann</dc:creator><dc:creator>Bob</dc:creator>"
          + "<dc:subject>python</dc:subject><dc:description>D</dc:description>"
          + "<dc:publisher>P</dc:publisher><dc:contributor>C</dc:contributor>"
          + "<dc:date>2026-05-01T10:00:00Z</dc:date><dc:date>2026-05-02T10:00:00Z</dc:date>"
          + "<dc:type>Text</dc:type><dc:format>text/html</dc:format><dc:identifier>I</dc:identifier>"
          + "<dc:source>S</dc:source><dc:language>en</dc:language><dc:relation>R</dc:relation>"
          + "<dc:coverage>V</dc:coverage><dc:rights>CC</dc:rights>";

  static List<String> documents() {
    List<String> documents = new ArrayList<>();
    for (String date : Resources.SNAPSHOTS) {
      for (String source : Resources.SOURCES) {
        String resource = Resources.snapshot(date, source);
        if (resource != null) {
          documents.add(new String(Resources.bytes(resource), StandardCharsets.UTF_8));
        }
      }
    }
    documents.add(
        "<rss version=\"2.0\" "
            + DC
            + "><channel><title>C</title><link>https://planet.example/</link>"
            + EVERY_ELEMENT
            + "<item><guid>1</guid><title>A</title><author>x@planet.example (X)</author>"
            + "<pubDate>Fri, 01 May 2026 10:00:00 GMT</pubDate><category>web</category>"
            + EVERY_ELEMENT
            + "</item><item><guid>2</guid><dc:creator>Only</dc:creator></item>"
            + "<item><guid>3</guid></item></channel></rss>");
    documents.add(
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
            + " xmlns=\"http://purl.org/rss/1.0/\" "
            + DC
            + "><channel rdf:about=\"https://planet.example/\"><title>C</title>"
            + "<link>https://planet.example/</link><description>D</description></channel>"
            + "<item rdf:about=\"https://planet.example/1\"><title>A</title>"
            + "<link>https://planet.example/1</link>"
            + EVERY_ELEMENT
            + "</item></rdf:RDF>");
    documents.add(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
            + DC
            + "><title>C</title><id>urn:c</id><updated>2026-05-01T10:00:00Z</updated>"
            + "<entry><id>urn:1</id><title>A</title><updated>2026-05-01T10:00:00Z</updated>"
            + EVERY_ELEMENT
            + "</entry></feed>");
    return documents;
  }

  static WireFeed wire(String document) throws Exception {
    return new WireFeedInput().build(new StringReader(document));
  }

  @Test
  void theGenericModelIsTheOneRomesOwnCloningGives() throws Exception {
    int proxied = 0;
    for (String document : documents()) {
      WireFeed romes = wire(document);
      WireFeed ours = wire(document);
      DirectCloneDublinCore.putInto(ours);
      SyndFeed expected = new SyndFeedImpl(romes, true);
      SyndFeed actual = new SyndFeedImpl(ours, true);
      String head = document.substring(0, Math.min(120, document.length()));
      assertThat(actual).as(head).isEqualTo(expected);
      assertThat(new RomeConverter().convert(actual, URL))
          .as(head)
          .isEqualTo(new RomeConverter().convert(expected, URL));
      for (int i = 0; i < expected.getEntries().size(); i++) {
        SyndEntry theirs = expected.getEntries().get(i);
        SyndEntry mine = actual.getEntries().get(i);
        assertThat(mine.getModule(DCModule.URI)).isEqualTo(theirs.getModule(DCModule.URI));
        assertThat(mine.getAuthors()).isEqualTo(theirs.getAuthors());
        assertThat(mine.getAuthor()).isEqualTo(theirs.getAuthor());
        assertThat(mine.getPublishedDate()).isEqualTo(theirs.getPublishedDate());
        assertThat(mine.getCategories()).isEqualTo(theirs.getCategories());
        if (Proxy.isProxyClass(mine.getModule(DCModule.URI).getClass())) {
          proxied++;
        }
      }
    }
    // the made-up feeds' items with Dublin Core (the planets' have none): their entries' modules
    // are the proxies' clones
    assertThat(proxied).isEqualTo(4);
  }

  @Test
  void theCloneIsACopyNotAView() throws Exception {
    Channel wire = (Channel) wire(documents().get(documents().size() - 3));
    DirectCloneDublinCore.putInto(wire);
    DCModule original = (DCModule) wire.getItems().get(0).getModule(DCModule.URI);
    DCModule clone = (DCModule) original.clone();
    assertThat(clone).isEqualTo(original);
    clone.getCreators().add("Carol");
    clone.getDates().get(0).setTime(0);
    clone.getSubjects().get(0).setValue("java");
    assertThat(original.getCreators()).containsExactly("Ann", "Bob");
    assertThat(original.getDates().get(0).getTime()).isNotZero();
    assertThat(original.getSubjects().get(0).getValue()).isEqualTo("python");
    assertThat(clone).isNotEqualTo(original);
  }
}
