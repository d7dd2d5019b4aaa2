package dev.orrery.rules;

import dev.orrery.store.Admission;
import dev.orrery.store.Entry;
import dev.orrery.store.Subscription;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the refresh transaction: a subscription takes the entries its filter lets through,
 * and a story is known by its link as {@link StoryLink} normalises it.
 */
public final class SubscriptionRules implements Admission {
  private static final Logger log = LoggerFactory.getLogger(SubscriptionRules.class);

  private final FilterCache filters;
  // one warning per broken expression, not one per entry and refresh
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public SubscriptionRules() {
    this(new FilterCache());
  }

  public SubscriptionRules(FilterCache filters) {
    this.filters = filters;
  }

  /**
   * Why the subscription's filter stops the entry, or null when it lets it through or there is
   * none. A stored filter that no longer compiles (under a stricter version, say) lets everything
   * through: a lost entry cannot be fetched again, a surplus one is only a post.
   */
  @Override
  public String refusal(Subscription subscription, Entry entry) {
    String expression = subscription.filter();
    if (expression == null || expression.isBlank()) {
      return null;
    }
    Filter filter;
    try {
      filter = filters.get(expression);
    } catch (FilterException e) {
      if (warned.add(expression)) {
        log.warn(
            "The filter of subscription {} is refused ({}): it lets every entry through until it"
                + " is changed with /customize filter",
            subscription.id(),
            e.getMessage());
      }
      return null;
    }
    return filter.explain(input(entry)).orElse(null);
  }

  @Override
  public String storyLink(String url) {
    return StoryLink.normalise(url);
  }

  /** What a filter reads of a stored entry. */
  public static FilterInput input(Entry entry) {
    return new FilterInput(
        entry.title(), entry.summary(), entry.author(), entry.categories(), entry.url());
  }
}
