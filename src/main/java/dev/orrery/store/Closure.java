package dev.orrery.store;

/** What closing a digest's period came to. */
public sealed interface Closure {
  /** A digest was made of the period's held entries; it waits to be posted. */
  record Made(long digestId, int entries) implements Closure {}

  /** The period was closed with nothing held: no digest, nothing is posted. */
  record Empty() implements Closure {}

  /** Nothing was done: the period was closed before, or the subscription has no digest. */
  record NothingDue() implements Closure {}
}
