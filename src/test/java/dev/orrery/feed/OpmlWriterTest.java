package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.junit.jupiter.api.Test;

/** Writing OPML 2.0 files that other readers understand and that Orrery reads back whole. */
class OpmlWriterTest {
  static final Namespace ORRERY = Namespace.getNamespace("https://orrery.dev/opml");
  static final Instant NOW = Instant.parse("2026-05-04T09:12:00Z");

  static final OpmlFeed PYTHON =
      new OpmlFeed(
          "https://planetpython.org/rss20.xml",
          "Planet Python",
          "https://planetpython.org/",
          new OpmlFeed.Settings(
              "python -\"django\" & <stuff>",
              "**{{title}}**\n{{link}}",
              "false",
              "Snakes ✨",
              "https://example.org/a.png",
              "weekly 09:30 Europe/Paris"));
  static final OpmlFeed PLONE =
      new OpmlFeed("https://planet.plone.org/rss20.xml", null, null, OpmlFeed.Settings.NONE);

  static List<OpmlChannel> channels() {
    return List.of(
        new OpmlChannel(1111, "news", List.of(PYTHON, PLONE)),
        new OpmlChannel(2222, "other", List.of(PLONE)));
  }

  static Document parse(byte[] file) throws Exception {
    return new SAXBuilder().build(new ByteArrayInputStream(file));
  }

  @Test
  void whatIsWrittenIsReadBackWhole() {
    byte[] file = new OpmlWriter().write("Python", channels(), NOW);
    OpmlReader.Read read = new OpmlReader().read(file);
    assertThat(read).isInstanceOf(OpmlReader.Read.Feeds.class);
    assertThat(((OpmlReader.Read.Feeds) read).feeds())
        .containsExactly(
            PYTHON, new OpmlFeed(PLONE.url(), PLONE.url(), null, OpmlFeed.Settings.NONE));
  }

  @Test
  void theFileIsOpmlTwoWithAChannelOutlineAndFeedOutlinesUnderIt() throws Exception {
    byte[] file = new OpmlWriter().write("Python", channels(), NOW);
    String text = new String(file, StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .doesNotContain("\r")
        .contains("<opml xmlns:orrery=\"https://orrery.dev/opml\" version=\"2.0\">");
    Element root = parse(file).getRootElement();
    Element head = root.getChild("head");
    assertThat(head.getChildText("title")).isEqualTo("Python");
    assertThat(head.getChildText("dateCreated")).isEqualTo("Mon, 04 May 2026 09:12:00 GMT");
    List<Element> channels = root.getChild("body").getChildren("outline");
    assertThat(channels).hasSize(2);
    Element news = channels.get(0);
    assertThat(news.getAttributeValue("text")).isEqualTo("news");
    assertThat(news.getAttributeValue("channel", ORRERY)).isEqualTo("1111");
    Element python = news.getChildren("outline").get(0);
    assertThat(python.getAttributeValue("type")).isEqualTo("rss");
    assertThat(python.getAttributeValue("text")).isEqualTo("Planet Python");
    assertThat(python.getAttributeValue("title")).isEqualTo("Planet Python");
    assertThat(python.getAttributeValue("xmlUrl")).isEqualTo(PYTHON.url());
    assertThat(python.getAttributeValue("htmlUrl")).isEqualTo("https://planetpython.org/");
    assertThat(python.getAttributeValue("filter", ORRERY))
        .isEqualTo("python -\"django\" & <stuff>");
    assertThat(python.getAttributeValue("template", ORRERY)).isEqualTo("**{{title}}**\n{{link}}");
    assertThat(python.getAttributeValue("embed", ORRERY)).isEqualTo("false");
    assertThat(python.getAttributeValue("name", ORRERY)).isEqualTo("Snakes ✨");
    assertThat(python.getAttributeValue("avatar", ORRERY)).isEqualTo("https://example.org/a.png");
    assertThat(python.getAttributeValue("digest", ORRERY)).isEqualTo("weekly 09:30 Europe/Paris");
    Element plone = news.getChildren("outline").get(1);
    assertThat(plone.getAttributes())
        .as("no empty attributes for settings that are not set")
        .extracting(org.jdom2.Attribute::getName)
        .containsExactly("text", "type", "title", "xmlUrl");
  }

  @Test
  void charactersXmlCannotHoldAreDropped() {
    OpmlFeed odd =
        new OpmlFeed(
            "https://odd.example/feed",
            "Bell\u0007 and null\u0000 title",
            null,
            new OpmlFeed.Settings(null, "a\u001bb", null, null, null, null));
    byte[] file =
        new OpmlWriter()
            .write("Ser\u0001ver", List.of(new OpmlChannel(1, "c\u0002", List.of(odd))), NOW);
    OpmlReader.Read read = new OpmlReader().read(file);
    assertThat(((OpmlReader.Read.Feeds) read).feeds().get(0))
        .isEqualTo(
            new OpmlFeed(
                "https://odd.example/feed",
                "Bell and null title",
                null,
                new OpmlFeed.Settings(null, "ab", null, null, null, null)));
  }
}
