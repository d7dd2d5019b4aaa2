package dev.orrery.store;

import java.util.List;

/**
 * What storing one refresh did.
 *
 * @param baseline true on a feed's first successful poll: entries stored, nothing delivered
 * @param inserted the entries that were new, oldest first
 * @param pending deliveries queued for posting
 * @param skipped deliveries over the per-poll cap, summarised in one line instead
 */
public record RefreshRecord(boolean baseline, List<Entry> inserted, int pending, int skipped) {
  public RefreshRecord {
    inserted = List.copyOf(inserted);
  }
}
