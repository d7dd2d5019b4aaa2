package dev.orrery.poll;

import dev.orrery.config.Config;
import dev.orrery.feed.ParsedEntry;
import dev.orrery.feed.ParsedFeed;
import dev.orrery.store.Entry;
import dev.orrery.store.EntryStore;
import dev.orrery.store.Feed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses each feed's interval between polls: the one its catalogue source sets, else the rhythm of
 * its posts (both read and stored ones).
 */
final class FeedPace {
  private final PollRhythm rhythm;
  private final Catalogue catalogue;
  private final EntryStore entries;

  FeedPace(PollRhythm rhythm, Catalogue catalogue, EntryStore entries) {
    this.rhythm = rhythm;
    this.catalogue = catalogue;
    this.entries = entries;
  }

  /** After the feed was read and parsed: from the entries just read and those stored before. */
  PollRhythm.Pace afterRead(Feed feed, ParsedFeed parsed, Instant now) {
    Optional<Duration> set = sourceInterval(feed);
    if (set.isPresent()) {
      return rhythm.set(set.get());
    }
    List<PollRhythm.Sighting> sightings = new ArrayList<>();
    for (Entry stored : entries.latest(feed.id(), 2 * PollRhythm.SAMPLE)) {
      sightings.add(new PollRhythm.Sighting(stored.published(), stored.discovered()));
    }
    // An undated entry that is new now counts from the next read, once it has been stored.
    for (ParsedEntry entry : parsed.entries()) {
      if (entry.published() != null) {
        sightings.add(new PollRhythm.Sighting(entry.published(), null));
      }
    }
    return rhythm.pace(sightings, now);
  }

  /**
   * After a poll that found the feed unchanged, so its entries were not read: the interval chosen
   * at the last read, longer if the feed has been quiet since.
   */
  Duration whenUnchanged(Feed feed, Instant now) {
    Optional<Duration> set = sourceInterval(feed);
    if (set.isPresent()) {
      return rhythm.set(set.get()).interval();
    }
    PollRhythm.Pace pace =
        rhythm.atPoll(feed.pollInterval(), feed.pollIntervalReason(), feed.lastNewAt(), now);
    return (pace == null ? rhythm.unknown() : pace).interval();
  }

  private Optional<Duration> sourceInterval(Feed feed) {
    return catalogue.forFeed(feed).map(Config.Source::interval);
  }
}
