package dev.orrery.feed;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * The dates of an RSS 0.91 to 2.0 or Atom 1.0 document read with {@link FeedDates} before ROME
 * reads the document: taken out of the tree, so ROME's date parsing (a quarter of a feed's parse)
 * never meets them, and put into ROME's model afterwards, where ROME would have put them. A date
 * {@link FeedDates} cannot read stays in the tree, for ROME.
 */
final class RomeDates {
  private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

  /** The feed's own dates, not an item's. */
  private static final int FEED = -1;

  /**
   * @param item the index of the item or entry among those ROME reads, or {@link #FEED}
   * @param index where the element was among its parent's content
   */
  private record Taken(
      int item, String name, Instant instant, Element element, Element parent, int index) {}

  private final List<Taken> taken = new ArrayList<>();
  private int items;

  private RomeDates() {}

  /**
   * Takes the dates out of the document, for the format ROME's parser of {@code type} reads.
   *
   * @param type ROME's name of the format, as {@link com.rometools.rome.io.WireFeedParser#getType}
   */
  static RomeDates take(Document document, String type) {
    RomeDates dates = new RomeDates();
    Element root = document.getRootElement();
    if (type.equals("atom_1.0")) {
      dates.takeAll(root, FEED, ATOM, "updated");
      dates.takeItems(root.getChildren("entry", ATOM), ATOM, "updated", "published");
    } else if (isRssWithChannel(type)) {
      // the namespace ROME's parser reads: none, or RSS 2.0's old one when the root has it
      Namespace rss = root.getNamespace();
      Element channel = root.getChild("channel", rss);
      if (channel != null) {
        dates.takeAll(channel, FEED, rss, "pubDate", "lastBuildDate");
        dates.takeItems(channel.getChildren("item", rss), rss, "pubDate");
      }
    }
    return dates;
  }

  /** RSS 0.91 to 2.0: items inside the channel. RSS 0.90 and 1.0 (RDF) are left to ROME. */
  private static boolean isRssWithChannel(String type) {
    return type.equals("rss_2.0") || type.startsWith("rss_0.9") && !type.equals("rss_0.9");
  }

  private void takeItems(List<Element> elements, Namespace namespace, String... names) {
    // a copy: the live list would shift under detach
    List<Element> copy = List.copyOf(elements);
    items = copy.size();
    for (int i = 0; i < copy.size(); i++) {
      takeAll(copy.get(i), i, namespace, names);
    }
  }

  private void takeAll(Element parent, int item, Namespace namespace, String... names) {
    for (String name : names) {
      List<Element> found = parent.getChildren(name, namespace);
      if (found.size() != 1) {
        continue; // none, or several: ROME reads the first, left to it
      }
      Element element = found.get(0);
      Instant instant = FeedDates.parse(element.getText());
      if (instant != null) {
        int index = parent.indexOf(element);
        element.detach();
        taken.add(new Taken(item, name, instant, element, parent, index));
      }
    }
  }

  /**
   * Puts the dates into ROME's reading of the document; false, changing nothing, when ROME read
   * other items than those the dates were taken from.
   */
  boolean putInto(WireFeed wire) {
    if (taken.isEmpty()) {
      return true;
    }
    if (wire instanceof Channel channel && channel.getItems().size() == items) {
      for (Taken date : taken) {
        Date value = Date.from(date.instant());
        if (date.item() == FEED) {
          if (date.name().equals("pubDate")) {
            channel.setPubDate(value);
          } else {
            channel.setLastBuildDate(value);
          }
        } else {
          Item item = channel.getItems().get(date.item());
          item.setPubDate(value);
        }
      }
      return true;
    }
    if (wire instanceof Feed feed && feed.getEntries().size() == items) {
      for (Taken date : taken) {
        Date value = Date.from(date.instant());
        if (date.item() == FEED) {
          feed.setUpdated(value);
        } else {
          Entry entry = feed.getEntries().get(date.item());
          if (date.name().equals("published")) {
            entry.setPublished(value);
          } else {
            entry.setUpdated(value);
          }
        }
      }
      return true;
    }
    return false;
  }

  /** Puts the date elements back where they were, so ROME can read the whole document again. */
  void putBack() {
    for (int i = taken.size() - 1; i >= 0; i--) {
      Taken date = taken.get(i);
      date.parent().addContent(date.index(), date.element());
    }
    taken.clear();
  }
}
