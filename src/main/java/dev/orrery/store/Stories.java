package dev.orrery.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which stories the channels already have from other sources: a story is the same when its
 * normalised link or its guid is, and counts for {@link EntryStore#STORY_MEMORY}.
 */
final class Stories {
  private static final int BATCH = 400;

  private final Connection c;
  private final long feedId;
  private final Instant since;
  private Map<String, String> sources;

  Stories(Connection c, long feedId, Instant since) {
    this.c = c;
    this.feedId = feedId;
    this.since = since;
  }

  /**
   * The name of the source that brought this story to the channel first, or null when the channel
   * does not have it.
   *
   * @param batch all the stories of this refresh, read in one go on the first call
   */
  String postedFrom(long channelId, Story story, List<Story> batch) throws SQLException {
    if (sources == null) {
      sources = load(batch);
    }
    if (sources.isEmpty()) {
      return null;
    }
    String source = story.link() == null ? null : sources.get(key(channelId, "l", story.link()));
    if (source == null && story.guid() != null) {
      source = sources.get(key(channelId, "g", story.guid()));
    }
    return source;
  }

  private Map<String, String> load(List<Story> batch) throws SQLException {
    List<String> links = new ArrayList<>();
    List<String> guids = new ArrayList<>();
    for (Story story : batch) {
      if (story.link() != null) {
        links.add(story.link());
      }
      if (story.guid() != null) {
        guids.add(story.guid());
      }
    }
    Map<String, String> found = new HashMap<>();
    read(found, "story_link", "l", links);
    read(found, "guid", "g", guids);
    return found;
  }

  private void read(Map<String, String> found, String column, String kind, List<String> keys)
      throws SQLException {
    for (int from = 0; from < keys.size(); from += BATCH) {
      List<String> part = keys.subList(from, Math.min(keys.size(), from + BATCH));
      Object[] params = new Object[part.size() + 2];
      params[0] = feedId;
      params[1] = since;
      for (int i = 0; i < part.size(); i++) {
        params[i + 2] = part.get(i);
      }
      // the earliest delivery of each story per channel names the source that brought it
      List<String[]> rows =
          Sql.list(
              c,
              "SELECT s.channel_id, e."
                  + column
                  + ", COALESCE(f.title, f.url) FROM entries e JOIN deliveries d ON d.entry_id ="
                  + " e.id JOIN subscriptions s ON s.id = d.subscription_id JOIN feeds f ON f.id ="
                  + " e.feed_id WHERE e.feed_id <> ? AND e.discovered_at >= ? AND d.state IN"
                  + " ('pending', 'held', 'sent') AND e."
                  + column
                  + " IN ("
                  + String.join(",", Collections.nCopies(part.size(), "?"))
                  + ") ORDER BY d.id DESC",
              rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
              params);
      for (String[] row : rows) {
        // newest first, so the earliest one is written last and stays
        found.put(key(Long.parseLong(row[0]), kind, row[1]), row[2]);
      }
    }
  }

  private static String key(long channelId, String kind, String value) {
    return channelId + "\u0000" + kind + "\u0000" + value;
  }
}
