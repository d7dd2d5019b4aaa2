package dev.orrery.poll;

import java.util.Optional;

/**
 * The checks of what a subscription posts, which the posting side owns: a message template, and the
 * name and avatar it posts under. A settings file (OPML) is checked with the same rules as the
 * commands that set them.
 */
public interface PostingRules {
  /** Why the template cannot be used, or empty when it can. */
  Optional<String> templateRefusal(String template);

  /** Why this name and avatar (either may be null) cannot be posted under, or empty. */
  Optional<String> appearanceRefusal(String name, String avatarUrl);
}
