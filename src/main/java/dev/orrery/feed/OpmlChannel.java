package dev.orrery.feed;

import java.util.List;

/** A channel and the feeds it receives, as one outline of an exported OPML file. */
public record OpmlChannel(long id, String name, List<OpmlFeed> feeds) {
  public OpmlChannel {
    feeds = List.copyOf(feeds);
  }
}
