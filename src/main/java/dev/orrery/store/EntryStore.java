package dev.orrery.store;

import dev.orrery.feed.NormalizedEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code entries} table, and the one transaction that stores a refresh. */
public final class EntryStore {
  /** The columns {@link #map} reads, as {@code e_<column>} of table alias {@code e}. */
  static final String COLUMNS =
      Sql.columns(
          "e",
          "e_",
          "id",
          "feed_id",
          "entry_key",
          "title",
          "url",
          "author",
          "summary",
          "image_url",
          "published_at",
          "discovered_at",
          "categories");

  /** How long a story counts as already posted in a channel that gets it from another source. */
  public static final java.time.Duration STORY_MEMORY = java.time.Duration.ofDays(30);

  static final String SKIPPED_OVER_CAP = "more new entries than one poll posts";

  // SQLite allows 32766 bound parameters; stay far below with room for the feed id
  private static final int KEY_BATCH = 500;

  private final Database db;
  private final int maxPerPoll;
  private final Admission admission;
  private final boolean onePostPerStory;

  /**
   * @param maxPerPoll how many new entries one poll may post per subscription
   * @param admission what each subscription takes
   * @param onePostPerStory a channel gets a story once, whichever of its sources carries it first
   */
  public EntryStore(Database db, int maxPerPoll, Admission admission, boolean onePostPerStory) {
    this.db = db;
    this.maxPerPoll = maxPerPoll;
    this.admission = admission;
    this.onePostPerStory = onePostPerStory;
  }

  /**
   * Stores a successful refresh in one transaction: the feed row, the entries whose keys are new
   * and one delivery per new entry and subscription that existed before it was discovered. Known
   * keys are left untouched, so a re-dated or re-listed entry is never new. On the feed's first
   * poll (its baseline) no delivery is made. A delivery is skipped, with the reason, when the
   * subscription's filter stops the entry, when its channel already has the story from another
   * source, or past the per-poll cap; a subscription with a digest holds its deliveries for it.
   *
   * @param entries as parsed, in any order; inserted oldest first
   */
  public RefreshRecord recordRefresh(
      long feedId, FeedUpdate update, List<NormalizedEntry> entries, Instant now) {
    return db.inTransaction(
        "store the refresh of feed " + feedId,
        c -> {
          Feed feed =
              Sql.one(
                      c,
                      "SELECT " + FeedStore.COLUMNS + " FROM feeds f WHERE f.id = ?",
                      FeedStore::map,
                      feedId)
                  .orElseThrow(() -> new SQLException("feed " + feedId + " no longer exists"));
          boolean baseline = feed.neverPolled();
          List<NormalizedEntry> fresh = withoutKnownKeys(c, feedId, entries);
          List<Story> stories = insert(c, feedId, fresh, now);
          List<Entry> inserted = stories.stream().map(Story::entry).toList();
          Sql.update(
              c,
              "UPDATE feeds SET title = ?, site_url = ?, etag = ?, last_modified = ?, content_hash"
                  + " = ?, next_poll_at = ?, last_polled_at = ?, last_success_at = ?, last_new_at ="
                  + " CASE WHEN ? THEN ? ELSE last_new_at END, error_count = 0, last_error = NULL,"
                  + " failing_since = NULL, image_url = ?, ttl_seconds = ?, poll_interval_seconds"
                  + " = ?, poll_interval_reason = ? WHERE id = ?",
              update.title(),
              update.siteUrl(),
              update.etag(),
              update.lastModified(),
              update.contentHash(),
              update.nextPoll(),
              now,
              now,
              !inserted.isEmpty() && !baseline,
              now,
              update.imageUrl(),
              seconds(update.ttl()),
              seconds(update.pollInterval()),
              update.pollIntervalReason(),
              feedId);
          if (baseline || inserted.isEmpty()) {
            return new RefreshRecord(baseline, inserted, 0, 0);
          }
          DeliveryPlan plan =
              new DeliveryPlan(
                  subscriptionsOf(c, feedId, now),
                  stories,
                  maxPerPoll,
                  admission,
                  onePostPerStory ? new Stories(c, feedId, now.minus(STORY_MEMORY)) : null);
          plan.insert(c, now);
          return new RefreshRecord(false, inserted, plan.queued(), plan.skipped());
        });
  }

  private List<NormalizedEntry> withoutKnownKeys(
      Connection c, long feedId, List<NormalizedEntry> entries) throws SQLException {
    Set<String> known = new HashSet<>();
    for (int from = 0; from < entries.size(); from += KEY_BATCH) {
      List<NormalizedEntry> batch =
          entries.subList(from, Math.min(entries.size(), from + KEY_BATCH));
      String marks = String.join(",", Collections.nCopies(batch.size(), "?"));
      Object[] params = new Object[batch.size() + 1];
      params[0] = feedId;
      for (int i = 0; i < batch.size(); i++) {
        params[i + 1] = batch.get(i).key();
      }
      known.addAll(
          Sql.list(
              c,
              "SELECT entry_key FROM entries WHERE feed_id = ? AND entry_key IN (" + marks + ")",
              rs -> rs.getString(1),
              params));
    }
    List<NormalizedEntry> fresh = new ArrayList<>();
    Set<String> seen = new HashSet<>(known);
    // feeds list newest first: walk backwards so equal dates keep the feed's own order
    for (int i = entries.size() - 1; i >= 0; i--) {
      NormalizedEntry e = entries.get(i);
      if (seen.add(e.key())) {
        fresh.add(e);
      }
    }
    fresh.sort((a, b) -> a.published().compareTo(b.published()));
    return fresh;
  }

  private List<Story> insert(Connection c, long feedId, List<NormalizedEntry> fresh, Instant now)
      throws SQLException {
    List<Story> inserted = new ArrayList<>(fresh.size());
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO entries (feed_id, entry_key, title, url, author, summary, image_url,"
                + " published_at, discovered_at, categories, guid, story_link) VALUES (?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (feed_id, entry_key) DO NOTHING RETURNING id")) {
      for (NormalizedEntry e : fresh) {
        String guid = Story.globalGuid(e.guid());
        String link = admission.storyLink(e.url());
        Sql.bind(
            ps,
            feedId,
            e.key(),
            e.title(),
            e.url(),
            e.author(),
            e.summary(),
            e.imageUrl(),
            e.published(),
            now,
            categories(e.categories()),
            guid,
            link);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            Entry entry =
                new Entry(
                    rs.getLong(1),
                    feedId,
                    e.key(),
                    e.title(),
                    e.url(),
                    e.author(),
                    e.summary(),
                    e.imageUrl(),
                    e.published(),
                    now,
                    e.categories());
            inserted.add(new Story(entry, link, guid));
          }
        }
      }
    }
    return inserted;
  }

  /** The subscriptions that take the feed's new entries: running, and older than the entries. */
  private static List<Subscription> subscriptionsOf(Connection c, long feedId, Instant now)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT "
            + SubscriptionStore.COLUMNS
            + " FROM subscriptions s WHERE s.feed_id = ? AND s.created_at <= ? AND s.paused_reason"
            + " IS NULL",
        SubscriptionStore::map,
        feedId,
        now);
  }

  /** The newest entries of a feed, newest first. */
  public List<Entry> latest(long feedId, int count) {
    return db.withConnection(
        "read the latest entries of feed " + feedId,
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM entries e WHERE e.feed_id = ?"
                    + " ORDER BY e.published_at DESC, e.id DESC LIMIT ?",
                EntryStore::map,
                feedId,
                count));
  }

  /** The newest entries across the feeds a channel is subscribed to, newest first. */
  public List<Entry> latestForChannel(long channelId, int count) {
    return db.withConnection(
        "read the latest entries of channel " + channelId,
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM entries e JOIN subscriptions s ON s.feed_id = e.feed_id"
                    + " WHERE s.channel_id = ? ORDER BY e.published_at DESC, e.id DESC LIMIT ?",
                EntryStore::map,
                channelId,
                count));
  }

  public int count(long feedId) {
    return db.withConnection(
        "count the entries of feed " + feedId,
        c ->
            Sql.one(c, "SELECT COUNT(*) FROM entries WHERE feed_id = ?", rs -> rs.getInt(1), feedId)
                .orElse(0));
  }

  static Entry map(ResultSet rs) throws SQLException {
    return new Entry(
        rs.getLong("e_id"),
        rs.getLong("e_feed_id"),
        rs.getString("e_entry_key"),
        rs.getString("e_title"),
        rs.getString("e_url"),
        rs.getString("e_author"),
        rs.getString("e_summary"),
        rs.getString("e_image_url"),
        Sql.instant(rs, "e_published_at"),
        Sql.instant(rs, "e_discovered_at"),
        categories(rs.getString("e_categories")));
  }

  private static Long seconds(Duration duration) {
    return duration == null ? null : duration.toSeconds();
  }

  /** Categories are stored one per line; a feed's category never holds a line break. */
  private static String categories(List<String> categories) {
    return categories.isEmpty() ? null : String.join("\n", categories);
  }

  private static List<String> categories(String stored) {
    return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split("\n"));
  }
}
