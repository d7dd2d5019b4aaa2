package dev.orrery.poll;

import dev.orrery.feed.OpmlFeed;
import dev.orrery.poll.SubscriptionService.SubscribeResult;
import dev.orrery.store.Feed;
import dev.orrery.store.Subscription;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes a channel to each feed of an OPML file as {@code /subscribe} would (the address guard,
 * the limits, the same reasons when a feed is refused), with the settings the file gives it. Feeds
 * are read several at a time, never more at once from one host than the fetcher allows, and each
 * one done is told as it is. Used by {@code /opml import} and {@code orrery opml import}.
 */
public final class OpmlImport {
  private static final Logger log = LoggerFactory.getLogger(OpmlImport.class);

  /** Feeds read at once: 500 feeds take minutes, not an hour, and no host sees a crowd. */
  static final int PARALLEL = 4;

  private final SubscriptionService service;
  private final Catalogue catalogue;
  private final int perHost;
  private final PostingRules rules;
  private final DigestScheduler digests;
  private final InstantSource clock;

  /**
   * @param perHost how many fetches the fetcher lets talk to one host at once
   * @param rules the posting side's checks of templates and appearances
   * @param digests schedules the digests of the subscriptions that start with one
   */
  public OpmlImport(
      SubscriptionService service,
      Catalogue catalogue,
      int perHost,
      PostingRules rules,
      DigestScheduler digests,
      InstantSource clock) {
    this.service = service;
    this.catalogue = catalogue;
    this.perHost = perHost;
    this.rules = rules;
    this.digests = digests;
    this.clock = clock;
  }

  /** The channel the feeds go to, and who asked (null from the console). */
  public record Target(long guildId, long channelId, Long createdBy) {}

  /** What became of one feed of the file. */
  public sealed interface Outcome {
    OpmlFeed listed();

    record Added(OpmlFeed listed, Feed feed) implements Outcome {}

    record AlreadyThere(OpmlFeed listed, Feed feed) implements Outcome {}

    /** Nothing was saved for this feed; the reason is the one {@code /subscribe} would give. */
    record Refused(OpmlFeed listed, String reason) implements Outcome {}
  }

  /** Told of each feed as it is done, one call at a time, {@code done} counting up to total. */
  public interface Progress {
    void feedDone(int done, int total, Outcome outcome);
  }

  /** Every feed's outcome, in the file's order. */
  public record Result(List<Outcome> outcomes) {
    public Result {
      outcomes = List.copyOf(outcomes);
    }

    public List<Outcome.Added> added() {
      return of(Outcome.Added.class);
    }

    public List<Outcome.AlreadyThere> alreadyThere() {
      return of(Outcome.AlreadyThere.class);
    }

    public List<Outcome.Refused> refused() {
      return of(Outcome.Refused.class);
    }

    private <T extends Outcome> List<T> of(Class<T> kind) {
      return outcomes.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
  }

  /**
   * Subscribes the target channel to each feed; a URL the file lists twice, however spelled, is
   * done once.
   *
   * @throws InterruptedException when stopped: the feeds done so far stay subscribed
   */
  public Result run(Target target, List<OpmlFeed> feeds, Progress progress)
      throws InterruptedException {
    // what can be refused without the network is, before any feed is read
    Map<String, Job> jobs = new LinkedHashMap<>();
    List<Outcome> early = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (OpmlFeed feed : feeds) {
      if (!listed.add(feed.url())) {
        continue;
      }
      Catalogue.Resolution resolution = catalogue.resolve(feed.url());
      OpmlSettings.Checked checked = OpmlSettings.read(feed.settings(), clock.instant(), rules);
      if (resolution instanceof Catalogue.Resolution.Invalid invalid) {
        early.add(new Outcome.Refused(feed, invalid.reason()));
      } else if (checked instanceof OpmlSettings.Checked.Invalid invalid) {
        early.add(new Outcome.Refused(feed, invalid.reason()));
      } else {
        String url = ((Catalogue.Resolution.Url) resolution).url();
        jobs.putIfAbsent(
            url, new Job(feed, url, ((OpmlSettings.Checked.Valid) checked).settings()));
      }
    }
    Run run = new Run(target, jobs.size() + early.size(), progress);
    early.forEach(run::done);
    Map<String, Deque<Job>> byHost = new LinkedHashMap<>();
    for (Job job : jobs.values()) {
      byHost.computeIfAbsent(host(job.url), h -> new ConcurrentLinkedDeque<>()).add(job);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            PARALLEL,
            task -> {
              Thread thread = new Thread(task, "opml-import");
              thread.setDaemon(true);
              return thread;
            });
    try {
      // the first lane of every host before the second of any: each host's feeds start early
      List<Future<?>> lanes = new ArrayList<>();
      for (int lane = 0; lane < perHost; lane++) {
        for (Deque<Job> queue : byHost.values()) {
          if (queue.size() > lane) {
            lanes.add(pool.submit(() -> drain(queue, run)));
          }
        }
      }
      for (Future<?> lane : lanes) {
        lane.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("an import lane failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return run.result(feeds);
  }

  /** A feed to subscribe: as listed, its URL as resolved, its settings as checked. */
  private record Job(OpmlFeed listed, String url, Subscription.Settings settings) {}

  /** One host's feeds, one after another; a few lanes drain each host's queue. */
  private void drain(Deque<Job> queue, Run run) {
    for (Job job; (job = queue.poll()) != null; ) {
      run.done(subscribe(run.target, job));
    }
  }

  private Outcome subscribe(Target target, Job job) {
    try {
      SubscribeResult result =
          service.subscribe(
              target.guildId(),
              target.channelId(),
              job.url,
              null,
              job.settings,
              target.createdBy(),
              0);
      if (result instanceof SubscribeResult.Subscribed subscribed) {
        if (subscribed.subscription().digest() != null) {
          digests.schedule(subscribed.subscription());
        }
        return new Outcome.Added(job.listed, subscribed.feed());
      }
      if (result instanceof SubscribeResult.AlreadySubscribed already) {
        return new Outcome.AlreadyThere(job.listed, already.feed());
      }
      return new Outcome.Refused(job.listed, ((SubscribeResult.Refused) result).reason());
    } catch (RuntimeException e) {
      // one feed's trouble (a full disk, a bug) is that feed's refusal, not the whole import's
      log.error("Importing {} into channel {} failed", job.url, target.channelId(), e);
      return new Outcome.Refused(job.listed, "it could not be saved: see the bot's log");
    }
  }

  private static String host(String url) {
    String host = URI.create(url).getHost();
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }

  /** The outcomes of one run and its count, told to its progress one at a time. */
  private static final class Run {
    final Target target;
    final int total;
    final Progress progress;
    final Map<OpmlFeed, Outcome> outcomes = new LinkedHashMap<>();

    Run(Target target, int total, Progress progress) {
      this.target = target;
      this.total = total;
      this.progress = progress;
    }

    synchronized void done(Outcome outcome) {
      outcomes.put(outcome.listed(), outcome);
      progress.feedDone(outcomes.size(), total, outcome);
    }

    /** The outcomes in the order the feeds were listed, each once. */
    synchronized Result result(List<OpmlFeed> listed) {
      Map<OpmlFeed, Outcome> left = new LinkedHashMap<>(outcomes);
      return new Result(listed.stream().map(left::remove).filter(o -> o != null).toList());
    }
  }
}
