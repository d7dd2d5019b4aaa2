package dev.orrery.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock a test moves by hand, so schedules and backoff are tested without sleeping. */
public final class TestClock implements InstantSource {
  private volatile Instant now;

  public TestClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  public void set(Instant to) {
    now = to;
  }
}
