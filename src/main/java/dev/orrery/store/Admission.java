package dev.orrery.store;

/**
 * Decides, while a refresh is stored, which subscriptions take which new entries: what a
 * subscription's filter stops, and which link tells the same story carried by two sources.
 */
public interface Admission {
  /** Takes every entry and tells no stories apart. */
  Admission EVERYTHING =
      new Admission() {
        @Override
        public String refusal(Subscription subscription, Entry entry) {
          return null;
        }

        @Override
        public String storyLink(String url) {
          return null;
        }
      };

  /** Why the subscription skips the entry (its filter stops it), or null when it takes it. */
  String refusal(Subscription subscription, Entry entry);

  /** The entry's link as compared across sources to find the same story, or null. */
  String storyLink(String url);
}
