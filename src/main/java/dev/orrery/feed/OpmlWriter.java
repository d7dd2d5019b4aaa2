package dev.orrery.feed;

import com.rometools.opml.feed.opml.Opml;
import com.rometools.opml.feed.opml.Outline;
import com.rometools.opml.io.impl.OPML20Generator;
import com.rometools.rome.io.FeedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.output.Format;
import org.jdom2.output.LineSeparator;
import org.jdom2.output.XMLOutputter;

/**
 * Writes channels and their feeds as an OPML 2.0 file with ROME: one outline per channel (its name,
 * and its id as {@code orrery:channel}), under it one {@code type="rss"} outline per feed with
 * Orrery's settings as attributes of its own namespace, which {@link OpmlReader} reads back.
 */
public final class OpmlWriter {
  private static final String SPEC = "https://opml.org/spec2.opml";

  /**
   * @param title the file's title, say the server's name
   * @return the file, UTF-8
   */
  public byte[] write(String title, List<OpmlChannel> channels, Instant created) {
    Opml opml = new Opml();
    opml.setFeedType("opml_2.0");
    opml.setTitle(OpmlAttributes.legal(title));
    opml.setDocs(SPEC);
    opml.setCreated(Date.from(created));
    List<Outline> outlines = new ArrayList<>();
    for (OpmlChannel channel : channels) {
      Outline outline = new Outline();
      outline.setText(OpmlAttributes.legal(channel.name()));
      outline.setAttributes(
          new ArrayList<>(
              List.of(OpmlAttributes.ours(OpmlAttributes.CHANNEL, Long.toString(channel.id())))));
      outline.setChildren(channel.feeds().stream().map(OpmlWriter::outline).toList());
      outlines.add(outline);
    }
    opml.setOutlines(outlines);
    Document document;
    try {
      document = new Generator().generate(opml);
    } catch (FeedException e) {
      throw new IllegalStateException("ROME refused an OPML document built here", e);
    }
    // "\n" lines: JDOM's default "\r\n" would reach a terminal as an escaped control character
    Format format =
        Format.getPrettyFormat().setEncoding("UTF-8").setLineSeparator(LineSeparator.UNIX);
    String xml = new XMLOutputter(format).outputString(document);
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  private static Outline outline(OpmlFeed feed) {
    String title = OpmlAttributes.legal(feed.title() != null ? feed.title() : feed.url());
    Outline outline = new Outline();
    outline.setType("rss");
    outline.setText(title);
    outline.setTitle(title);
    outline.setAttributes(OpmlAttributes.of(feed));
    return outline;
  }

  /**
   * ROME's OPML 2.0 writing, putting Orrery's attributes in their namespace: ROME would write
   * {@code orrery:filter} as a plain name, which JDOM refuses.
   */
  private static final class Generator extends OPML20Generator {
    @Override
    public Document generate(com.rometools.rome.feed.WireFeed feed) throws FeedException {
      Document document = super.generate(feed);
      document.getRootElement().addNamespaceDeclaration(OpmlAttributes.NAMESPACE);
      return document;
    }

    @Override
    protected boolean addNotNullAttribute(Element target, String name, Object value) {
      if (target != null
          && name != null
          && value != null
          && name.startsWith(OpmlAttributes.PREFIX)) {
        target.setAttribute(
            name.substring(OpmlAttributes.PREFIX.length()),
            value.toString(),
            OpmlAttributes.NAMESPACE);
        return true;
      }
      return super.addNotNullAttribute(target, name, value);
    }
  }
}
