package dev.orrery.poll;

import dev.orrery.store.Closure;
import dev.orrery.store.DigestStore;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes each digest's periods on time: one Quartz cron trigger per subscription with a digest, in
 * memory, made again at every start from the subscriptions table, where the last due time says
 * whether a period came due while the bot was down.
 */
public final class DigestScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);
  private static final String GROUP = "digests";
  // Quartz keeps schedulers by name: each instance its own, so two never share one
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** Told of every period closed, on the thread that closed it. */
  @FunctionalInterface
  public interface Listener {
    void closed(long subscriptionId, Closure closure);
  }

  private final SubscriptionStore subscriptions;
  private final DigestStore digests;
  private final InstantSource clock;
  private final Scheduler scheduler;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public DigestScheduler(
      SubscriptionStore subscriptions, DigestStore digests, InstantSource clock) {
    this.subscriptions = subscriptions;
    this.digests = digests;
    this.clock = clock;
    Properties props = new Properties();
    props.setProperty(
        "org.quartz.scheduler.instanceName", "orrery-digests-" + INSTANCES.incrementAndGet());
    props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    props.setProperty("org.quartz.threadPool.threadCount", "1");
    props.setProperty("org.quartz.threadPool.threadNamePrefix", "digest");
    props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    props.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    try {
      scheduler = new StdSchedulerFactory(props).getScheduler();
      scheduler.setJobFactory((bundle, s) -> new DigestJob(this));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot create the digest scheduler: " + e.getMessage(), e);
    }
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /**
   * Closes, once, a period that came due while the bot was down (only the latest, carrying every
   * entry held), then schedules every digest and starts.
   */
  public void start() {
    List<Subscription> withDigest = subscriptions.withDigest();
    for (Subscription subscription : withDigest) {
      try {
        closeDue(subscription);
      } catch (RuntimeException e) {
        log.error("Closing the digest of subscription {} failed", subscription.id(), e);
      }
      schedule(subscription);
    }
    try {
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the digest scheduler: " + e.getMessage(), e);
    }
    log.info("Scheduled {} digests", withDigest.size());
  }

  /**
   * Fires the subscription's job at each of its due times from now on, replacing the trigger of an
   * earlier schedule; a subscription without a digest loses its trigger.
   */
  public synchronized void schedule(Subscription subscription) {
    if (subscription.digest() == null) {
      unschedule(subscription.id());
      return;
    }
    JobKey key = jobKey(subscription.id());
    JobDetail job =
        JobBuilder.newJob(DigestJob.class)
            .withIdentity(key)
            .usingJobData(DigestJob.SUBSCRIPTION_ID, subscription.id())
            .build();
    CronTrigger trigger =
        DigestCron.of(subscription.digest())
            .trigger(TriggerKey.triggerKey(key.getName(), GROUP), key);
    try {
      scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "cannot schedule the digest of subscription " + subscription.id() + ": " + e.getMessage(),
          e);
    }
  }

  /** Stops firing the subscription's job. */
  public synchronized void unschedule(long subscriptionId) {
    try {
      scheduler.deleteJob(jobKey(subscriptionId));
    } catch (SchedulerException e) {
      log.warn("Could not stop the digest of subscription {}", subscriptionId, e);
    }
  }

  /**
   * The job's work: closes the subscription's latest period due by the clock, if it was not closed
   * yet. A subscription that is gone, or has no digest any more, loses its trigger instead.
   */
  public Closure closeDue(long subscriptionId) {
    Optional<Subscription> subscription = subscriptions.find(subscriptionId);
    if (subscription.isEmpty() || subscription.get().digest() == null) {
      unschedule(subscriptionId);
      return new Closure.NothingDue();
    }
    return closeDue(subscription.get());
  }

  private Closure closeDue(Subscription subscription) {
    Instant now = clock.instant();
    Optional<Instant> due =
        DigestCron.of(subscription.digest()).latestDue(subscription.digest().lastDue(), now);
    if (due.isEmpty()) {
      return new Closure.NothingDue();
    }
    return told(subscription.id(), digests.close(subscription.id(), due.get(), now));
  }

  /**
   * Turns the subscription's digest off: what is held goes out in one last digest, now, and the
   * trigger goes.
   *
   * @return what the last period came to; {@link Closure.NothingDue} when there was no digest
   */
  public Closure stop(long subscriptionId) {
    Closure last = digests.closeAndStop(subscriptionId, clock.instant());
    unschedule(subscriptionId);
    return told(subscriptionId, last);
  }

  private Closure told(long subscriptionId, Closure closure) {
    if (closure instanceof Closure.Made made) {
      log.info(
          "Digest {} of subscription {} closed with {} entries",
          made.digestId(),
          subscriptionId,
          made.entries());
    }
    for (Listener listener : listeners) {
      listener.closed(subscriptionId, closure);
    }
    return closure;
  }

  /** When the subscription's next digest is due, if a trigger is set for it. */
  public Optional<Instant> nextDigest(long subscriptionId) {
    return trigger(subscriptionId)
        .map(t -> t.getFireTimeAfter(Date.from(clock.instant())))
        .map(Date::toInstant);
  }

  /** The subscription's trigger, if it has one. */
  Optional<CronTrigger> trigger(long subscriptionId) {
    try {
      Trigger trigger =
          scheduler.getTrigger(TriggerKey.triggerKey(jobKey(subscriptionId).getName(), GROUP));
      return Optional.ofNullable((CronTrigger) trigger);
    } catch (SchedulerException e) {
      return Optional.empty();
    }
  }

  /** Fires the subscription's job now, as its trigger would. */
  void fireNow(long subscriptionId) {
    try {
      scheduler.triggerJob(jobKey(subscriptionId));
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops firing and waits for a period being closed. */
  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("Could not stop the digest scheduler cleanly", e);
    }
  }

  private static JobKey jobKey(long subscriptionId) {
    return JobKey.jobKey("digest-" + subscriptionId, GROUP);
  }
}
